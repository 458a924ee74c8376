import { expect, it } from "vitest";
import { buildDerivedImage, runOnce } from "../harness/index.js";

// Contract C4.8: a failing boot step stops the container with a non-zero exit; no half-booted
// container. Tested on any image, the published one too, through a tiny image built now FROM the
// image under test that adds one failing step: nothing in the image needs a test switch.

const STEP = "011-harness-failing-step";

it("C4.8: a failing boot step stops the container non-zero, names the step, and the main program never runs", async () => {
  // Lexically after 01-hermes-setup, before the reconciler. It prints nothing itself, so the name
  // in the output can only come from the image's boot.
  const image = await buildDerivedImage("failing-step", {
    [`/etc/cont-init.d/${STEP}`]: { text: "#!/bin/sh\nexit 3\n", mode: 0o755 },
  });
  const r = await runOnce({ image, command: ["sh", "-c", "echo @ran=main"] });
  const shown = `${r.commandLine}\nexit ${r.exitCode}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.exitCode, shown).not.toBe(0);
  expect(r.stdout, shown).not.toMatch(/^@ran=main$/m);
  expect(`${r.stdout}\n${r.stderr}`, shown).toContain(STEP);
});
