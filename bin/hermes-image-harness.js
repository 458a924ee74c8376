#!/usr/bin/env node
// The package's command: the harness is TypeScript, loaded through tsx (a dependency), no build step.
import { tsImport } from "tsx/esm/api";

// `... --list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => process.exit(error.code === "EPIPE" ? 0 : 1));
const { runCli } = await tsImport("../tools/cli/run-cli.ts", import.meta.url);
process.exitCode = await runCli(process.argv.slice(2));
