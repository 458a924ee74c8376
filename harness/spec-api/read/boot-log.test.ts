import { describe, expect, it } from "vitest";
import { parseBootLine, parseBootLog, readinessSince } from "./boot-log.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const BOOT1 = [
  "2026-11-22T10:00:00+0000 profile=alpha prior_state=None action=registered",
  "2026-11-22T10:00:00+0000 profile=default prior_state=None action=registered",
  "",
].join("\n");
const BOOT2 = [
  "2026-11-22T10:05:00+0000 profile=alpha prior_state=running action=started prior_exit=unclean",
  "2026-11-22T10:05:01+0000 profile=default prior_state=stopped action=registered prior_exit=clean",
  "",
].join("\n");

describe("parseBootLine", () => {
  it("parses every field", () => {
    const line =
      "2026-11-22T10:05:00+0000 profile=alpha prior_state=running action=started prior_exit=unclean";
    expect(parseBootLine(line)).toEqual({
      timestamp: "2026-11-22T10:05:00+0000",
      time: new Date("2026-11-22T10:05:00Z"),
      profile: "alpha",
      priorState: "running",
      action: "started",
      priorExit: "unclean",
      line,
    });
  });

  it("maps None to null and leaves priorExit out when absent", () => {
    const r = parseBootLine("2026-11-22T10:00:00+0000 profile=default prior_state=None action=registered");
    expect(r?.priorState).toBeNull();
    expect(r?.action).toBe("registered");
    expect(r && "priorExit" in r).toBe(false);
  });

  it("honours a non-UTC offset", () => {
    const r = parseBootLine("2026-11-22T11:30:00+0130 profile=default prior_state=None action=registered");
    expect(r?.time.toISOString()).toBe("2026-11-22T10:00:00.000Z");
    const w = parseBootLine("2026-11-22T05:00:00-0500 profile=default prior_state=None action=registered");
    expect(w?.time.toISOString()).toBe("2026-11-22T10:00:00.000Z");
  });

  it.each([
    ["missing action", "2026-11-22T10:00:00+0000 profile=alpha prior_state=None"],
    ["extra field", "2026-11-22T10:00:00+0000 profile=alpha prior_state=None action=registered extra=1"],
    ["unknown action", "2026-11-22T10:00:00+0000 profile=alpha prior_state=None action=crashed"],
    [
      "unknown prior_exit",
      "2026-11-22T10:00:00+0000 profile=alpha prior_state=None action=started prior_exit=maybe",
    ],
    ["fields out of order", "2026-11-22T10:00:00+0000 prior_state=None profile=alpha action=registered"],
    [
      "ISO timestamp with colon offset",
      "2026-11-22T10:00:00+00:00 profile=alpha prior_state=None action=registered",
    ],
    ["Z timestamp", "2026-11-22T10:00:00Z profile=alpha prior_state=None action=registered"],
    ["impossible date", "2026-02-30T10:00:00+0000 profile=alpha prior_state=None action=registered"],
    ["hour 24", "2026-11-22T24:00:00+0000 profile=alpha prior_state=None action=registered"],
    ["invalid profile name", "2026-11-22T10:00:00+0000 profile=Alpha prior_state=None action=registered"],
    ["empty prior_state", "2026-11-22T10:00:00+0000 profile=alpha prior_state= action=registered"],
    ["trailing space", "2026-11-22T10:00:00+0000 profile=alpha prior_state=None action=registered "],
    ["docker logs variant", "reconcile: profile=alpha prior_state=None action=registered"],
  ])("rejects %s", (_name, line) => {
    expect(parseBootLine(line)).toBeUndefined();
  });
});

describe("parseBootLog", () => {
  it("returns records in order and collects malformed lines, skipping blank ones", () => {
    const text = `${BOOT1}\ngarbage here\n${BOOT2}`;
    const log = parseBootLog(text);
    expect(log.records.map((r) => `${r.profile}:${r.action}`)).toEqual([
      "alpha:registered",
      "default:registered",
      "alpha:started",
      "default:registered",
    ]);
    expect(log.malformed).toEqual(["garbage here"]);
    expect(log.partial).toBeUndefined();
  });

  it("does not count an unterminated last line as a record", () => {
    const text = `${BOOT1}2026-11-22T10:05:01+0000 profile=default prior_state=None action=registered`;
    const log = parseBootLog(text);
    expect(log.records).toHaveLength(2);
    expect(log.malformed).toEqual([]);
    expect(log.partial).toBe("2026-11-22T10:05:01+0000 profile=default prior_state=None action=registered");
  });

  it("accepts CRLF line ends", () => {
    const log = parseBootLog(
      "2026-11-22T10:00:00+0000 profile=default prior_state=None action=registered\r\n",
    );
    expect(log.records).toHaveLength(1);
  });

  it("is empty for an empty log", () => {
    expect(parseBootLog("")).toEqual({ records: [], malformed: [] });
  });
});

describe("readinessSince (stale-readiness rule)", () => {
  it("finds the default line of a first boot when nothing was there before", () => {
    const r = readinessSince(BOOT1, 0);
    expect(r?.timestamp).toBe("2026-11-22T10:00:00+0000");
    expect(r?.profile).toBe("default");
  });

  it("ignores the previous boot's default line before the offset", () => {
    expect(readinessSince(BOOT1, bytes(BOOT1))).toBeUndefined();
  });

  it("ignores old lines and finds the new boot's line after the offset", () => {
    const r = readinessSince(BOOT1 + BOOT2, bytes(BOOT1));
    expect(r?.timestamp).toBe("2026-11-22T10:05:01+0000");
    expect(r?.priorState).toBe("stopped");
  });

  it("does not accept a new boot's non-default lines as readiness", () => {
    const onlyAlpha = "2026-11-22T10:05:00+0000 profile=alpha prior_state=running action=started\n";
    expect(readinessSince(BOOT1 + onlyAlpha, bytes(BOOT1))).toBeUndefined();
  });

  it("a line that started before the offset does not count even if it ends after it", () => {
    // The previous boot's line was half-written when the length was measured.
    const half = bytes(BOOT1) - 10;
    expect(readinessSince(BOOT1, half)).toBeUndefined();
  });

  it("the new boot's partial last line (no newline yet) is not a record", () => {
    const partial = "2026-11-22T10:05:01+0000 profile=default prior_state=None action=registered";
    expect(readinessSince(BOOT1 + partial, bytes(BOOT1))).toBeUndefined();
    expect(readinessSince(`${BOOT1 + partial}\n`, bytes(BOOT1))?.timestamp).toBe("2026-11-22T10:05:01+0000");
  });

  it("treats a log shorter than before as rotated and reads it whole", () => {
    const before = bytes(BOOT1 + BOOT1 + BOOT1);
    const r = readinessSince(BOOT2, before);
    expect(r?.timestamp).toBe("2026-11-22T10:05:01+0000");
  });

  it("counts bytes, not UTF-16 units, for the offset", () => {
    // 'é' and 'ö' are one UTF-16 unit each but two bytes in UTF-8.
    const text = `héllo wörld\n${BOOT2}`;
    const index16 = text.indexOf("2026-11-22T10:05:01");
    const byteOffset = bytes(text.slice(0, index16));
    expect(byteOffset).toBe(index16 + 2);
    // The default line starts exactly at byteOffset: found there, and not one byte later.
    expect(readinessSince(text, byteOffset)?.timestamp).toBe("2026-11-22T10:05:01+0000");
    expect(readinessSince(text, byteOffset + 1)).toBeUndefined();
  });
});
