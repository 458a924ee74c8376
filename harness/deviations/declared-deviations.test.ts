import { describe, expect, it } from "vitest";
import { deviationFor, parseDeviations } from "./declared-deviations.js";

const entry = {
  test: "C4.2: the /opt/data directory itself takes the new GID",
  generations: ["g1", "g2"],
  evidence: "docker/stage2-hook.sh",
  reason: "re-owned only when its UID is wrong",
};

describe("parseDeviations", () => {
  it("reads a valid list", () => {
    expect(parseDeviations(JSON.stringify({ deviations: [entry] }), "f.json")).toEqual([entry]);
  });

  it.each([
    ["not JSON", "{", /f\.json: not valid JSON/],
    ["no list", "{}", /expected \{"deviations"/],
    ["empty title", JSON.stringify({ deviations: [{ ...entry, test: " " }] }), /deviations\[0\]\.test/],
    ["no reason", JSON.stringify({ deviations: [{ ...entry, reason: undefined }] }), /\.reason/],
    ["unknown generation", JSON.stringify({ deviations: [{ ...entry, generations: ["g3"] }] }), /g1, g2/],
    ["no generation", JSON.stringify({ deviations: [{ ...entry, generations: [] }] }), /generations/],
  ])("refuses %s with a message naming the place", (_, text, message) => {
    expect(() => parseDeviations(text, "f.json")).toThrow(message);
  });
});

describe("deviationFor", () => {
  const list = parseDeviations(JSON.stringify({ deviations: [{ ...entry, generations: ["g2"] }] }), "f");

  it("matches the exact title in a declared generation", () => {
    expect(deviationFor(list, entry.test, "g2")?.reason).toBe(entry.reason);
  });

  it("does not match another generation, a prefix or a longer title", () => {
    expect(deviationFor(list, entry.test, "g1")).toBeUndefined();
    expect(deviationFor(list, entry.test.slice(0, 10), "g2")).toBeUndefined();
    expect(deviationFor(list, `${entry.test} (again)`, "g2")).toBeUndefined();
  });
});
