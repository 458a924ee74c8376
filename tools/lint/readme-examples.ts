// npm run lint, part: every TypeScript example in README.md must pass Biome as pasted into a spec file
// (a reader copies it; a misformatted example fails their `npm run lint`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { codeBlocks } from "./markdown-code-blocks.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const files = ["README.md"];

// Biome refuses files outside its root, so the examples go to a scratch root with the project's config
// (VCS integration off: the scratch folder is no repository).
const scratch = mkdtempSync(join(tmpdir(), "hermes-readme-examples-"));
try {
  const config = JSON.parse(readFileSync(join(repoRoot, "biome.json"), "utf8")) as Record<string, unknown>;
  config.vcs = { enabled: false };
  writeFileSync(join(scratch, "biome.json"), JSON.stringify(config));
  mkdirSync(join(scratch, "specs"));
  const origins = new Map<string, string>();
  for (const file of files) {
    for (const block of codeBlocks(readFileSync(join(repoRoot, file), "utf8"), ["ts", "typescript"])) {
      const name = `specs/${file.replace(/\W+/g, "-")}-line-${block.line}.spec.ts`;
      writeFileSync(join(scratch, name), block.code);
      origins.set(name, `${file}:${block.line}`);
    }
  }
  const biome = join(repoRoot, "node_modules/.bin/biome");
  const result = await execa(biome, ["check", "--error-on-warnings", "specs"], {
    cwd: scratch,
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0) {
    console.error(
      `${result.all}\n\nREADME examples fail Biome (scratch files map to: ${[...origins].map(([n, o]) => `${n} = ${o}`).join(", ")})`,
    );
    process.exitCode = 1;
  } else {
    console.log(`readme-examples: ${origins.size} TypeScript example(s) clean`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
