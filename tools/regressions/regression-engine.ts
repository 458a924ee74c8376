import { ENGINE_CHOICES, type EngineChoice } from "../../harness/engine/engine-choice.js";
import { HarnessSetupError } from "../../harness/harness-setup-error.js";
import type { Regression } from "./regression-catalogue.js";

// Each engine has its own image store and its own bugs: an entry bound to one (regression.json's
// "engine") is checked only by a run on that engine, and every other entry by a Docker run.

/** The engine an entry runs on: its own, else Docker, the default. */
export function engineOf(regression: Pick<Regression, "engine">): EngineChoice {
  return regression.engine ?? "docker";
}

/** The command that checks the entries of `engine`. */
export function checkCommand(engine: EngineChoice): string {
  return `HERMES_ENGINE=${engine} npm run test:regressions`;
}

export interface EngineScope {
  /** The entries this run checks. */
  here: Regression[];
  /** The others, by engine (in ENGINE_CHOICES order): neither caught nor missed by this run. */
  elsewhere: { engine: EngineChoice; names: string[] }[];
}

export function scopeToEngine(regressions: readonly Regression[], engine: EngineChoice): EngineScope {
  const elsewhere = ENGINE_CHOICES.filter((other) => other !== engine)
    .map((other) => ({
      engine: other,
      names: regressions.filter((r) => engineOf(r) === other).map((r) => r.name),
    }))
    .filter((group) => group.names.length > 0);
  return { here: regressions.filter((r) => engineOf(r) === engine), elsewhere };
}

/** Names a line shows: a run on another engine leaves it most of the catalogue. */
const NAMES_SHOWN = 8;

/** The check's one line about the entries another engine's run checks. */
export function leftToEngineLine(group: EngineScope["elsewhere"][number]): string {
  const { names } = group;
  const count = `${names.length} regression${names.length === 1 ? "" : "s"}`;
  const shown =
    names.length > NAMES_SHOWN
      ? `${names.slice(0, NAMES_SHOWN).join(", ")} and ${names.length - NAMES_SHOWN} more`
      : names.join(", ");
  return `left to ${group.engine}: ${count} (${shown}), checked by ${checkCommand(group.engine)}`;
}

/**
 * The HERMES_ENGINE `npm run repro -- NAME` sets for an entry bound to an engine when none is chosen
 * (undefined: nothing to set). A choice of another engine is refused: that store would build the
 * image and its run could not show the bug.
 */
export function reproEngine(
  regression: Pick<Regression, "name" | "engine">,
  chosen: EngineChoice | undefined,
): EngineChoice | undefined {
  const bound = regression.engine;
  if (bound === undefined || chosen === bound) return undefined;
  if (chosen === undefined) return bound;
  throw new HarnessSetupError(
    `[regressions] ${regression.name} runs on ${bound} (its regression.json's "engine"), but HERMES_ENGINE=${chosen}: unset HERMES_ENGINE or set it to ${bound}`,
  );
}
