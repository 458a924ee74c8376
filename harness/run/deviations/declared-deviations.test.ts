import { describe, expect, it } from "vitest";
import { deviationFor, deviationsFor, parseDeviations } from "./declared-deviations.js";

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
    ["unknown lineage", JSON.stringify({ deviations: [{ ...entry, images: ["published"] }] }), /\.images/],
    ["empty lineages", JSON.stringify({ deviations: [{ ...entry, images: [] }] }), /\.images/],
  ])("refuses %s with a message naming the place", (_, text, message) => {
    expect(() => parseDeviations(text, "f.json")).toThrow(message);
  });
});

describe("deviationFor", () => {
  const list = parseDeviations(JSON.stringify({ deviations: [{ ...entry, generations: ["g2"] }] }), "f");

  it("matches the exact title in a declared generation", () => {
    expect(deviationFor(list, entry.test, "g2", "reference")?.reason).toBe(entry.reason);
  });

  it("does not match another generation, a prefix or a longer title", () => {
    expect(deviationFor(list, entry.test, "g1", "reference")).toBeUndefined();
    expect(deviationFor(list, entry.test.slice(0, 10), "g2", "reference")).toBeUndefined();
    expect(deviationFor(list, `${entry.test} (again)`, "g2", "reference")).toBeUndefined();
  });

  it("applies an entry with images only to images of that lineage", () => {
    const scoped = parseDeviations(JSON.stringify({ deviations: [{ ...entry, images: ["upstream"] }] }), "f");
    expect(scoped[0]?.images).toEqual(["upstream"]);
    expect(deviationFor(scoped, entry.test, "g2", "upstream")?.reason).toBe(entry.reason);
    expect(deviationFor(scoped, entry.test, "g2", "reference")).toBeUndefined();
    expect(deviationsFor(scoped, "g1", "upstream")).toHaveLength(1);
    expect(deviationsFor(scoped, "g1", "reference")).toEqual([]);
  });
});
