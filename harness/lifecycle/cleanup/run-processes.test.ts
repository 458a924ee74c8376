import { describe, expect, it } from "vitest";
import { carriesRunMarker, RUN_MARKER_ENV } from "./run-processes.js";

describe("carriesRunMarker", () => {
  const environ = (...vars: string[]) => `${vars.join("\0")}\0`;

  it("finds this run's marker anywhere in the environment", () => {
    expect(carriesRunMarker(environ("PATH=/bin", `${RUN_MARKER_ENV}=run-1`, "HOME=/root"), "run-1")).toBe(
      true,
    );
    expect(carriesRunMarker(`${RUN_MARKER_ENV}=run-1`, "run-1")).toBe(true);
  });

  it("does not take another run's marker, a prefix of it, or the value under another name", () => {
    expect(carriesRunMarker(environ(`${RUN_MARKER_ENV}=run-2`), "run-1")).toBe(false);
    expect(carriesRunMarker(environ(`${RUN_MARKER_ENV}=run-10`), "run-1")).toBe(false);
    expect(carriesRunMarker(environ("OTHER=run-1"), "run-1")).toBe(false);
    expect(carriesRunMarker("", "run-1")).toBe(false);
  });
});
