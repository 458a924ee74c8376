import { beforeAll, expect, it, type TestContext } from "vitest";
import {
  describeExec,
  HERMES_GID,
  HERMES_UID,
  type HermesContainer,
  onlyInGeneration,
  runContext,
  startHermes,
} from "../harness/index.js";

// Contract C3.11: `docker exec <c> hermes ...` as root. G2's shim runs the CLI as hermes, so what it
// writes under /opt/data is hermes's at once; HERMES_DOCKER_EXEC_AS_ROOT=1 opts out. In G1 the CLI
// runs as root and the next boot repairs ownership (C4.3). Root is what is under test here.

const CONFIG = "/opt/data/config.yaml";
const ROOT_EXEC = { reason: "C3.11: a root `docker exec ... hermes` is the case under test" };

let hermes: HermesContainer;

beforeAll(async () => {
  hermes = await startHermes({ nameHint: "exec-shim" });
});

/** `hermes config set` rewrites config.yaml (a new file): its owner is whoever the CLI ran as. */
async function configSetAsRoot(value: string, env?: Record<string, string>) {
  const argv = ["hermes", "config", "set", "model.default", value];
  const result = await hermes.exec(argv, { root: ROOT_EXEC, env });
  expect(result.exitCode, describeExec(argv, result)).toBe(0);
  expect(await hermes.readFile(CONFIG)).toContain(value);
}

it("C3.11: `hermes config set` from a root docker exec leaves config.yaml hermes's (G2 at once, G1 after the next boot)", async () => {
  await configSetAsRoot("harness-c311-shim");
  if (runContext().generation === "g1") await hermes.restart();
  const config = await hermes.stat(CONFIG);
  expect({ uid: config.uid, gid: config.gid }).toEqual({ uid: HERMES_UID, gid: HERMES_GID });
});

/** G2's opt-out (C3.11): a root exec with HERMES_DOCKER_EXEC_AS_ROOT=value writes config.yaml as `owner`. */
async function expectOptOut(context: TestContext, value: string, owner: number): Promise<void> {
  onlyInGeneration(context, "g2", "C3.11's opt-out");
  await configSetAsRoot(`harness-c311-${value}`, { HERMES_DOCKER_EXEC_AS_ROOT: value });
  expect((await hermes.stat(CONFIG)).uid).toBe(owner);
}

it("C3.11: with HERMES_DOCKER_EXEC_AS_ROOT=1 the CLI runs as root and the file it writes is root's", (context) =>
  expectOptOut(context, "1", 0));

// Upstream's shim takes a fixed list of spellings (1, true, TRUE, True, yes, YES, Yes), not one case.
it.for(["TRUE", "Yes"])(
  "C3.11: HERMES_DOCKER_EXEC_AS_ROOT=%s opts out as well: the file the CLI writes is root's",
  (value, context) => expectOptOut(context, value, 0),
);

it.for(["0", "no"])(
  "C3.11: HERMES_DOCKER_EXEC_AS_ROOT=%s does not opt out: the file the CLI writes is hermes's",
  (value, context) => expectOptOut(context, value, HERMES_UID),
);
