import { describe, expect, it } from "vitest";
import { parseStat, parseStats, STAT_FORMAT } from "./file-stat.js";

// Lines captured from GNU coreutils stat on Debian 13 with STAT_FORMAT.
describe("parseStat", () => {
  it("keeps the format the parser expects", () => {
    expect(STAT_FORMAT).toBe("%u|%g|%a|%F|%n");
  });

  it("parses a regular file", () => {
    expect(parseStat("10000|10000|600|regular file|/opt/data/.env\n")).toEqual({
      uid: 10000,
      gid: 10000,
      mode: 0o600,
      modeText: "600",
      type: "file",
      typeText: "regular file",
      path: "/opt/data/.env",
    });
  });

  it("maps each %F text to a type", () => {
    expect(parseStat("0|0|644|regular empty file|/tmp/e").type).toBe("file");
    expect(parseStat("0|0|755|directory|/").type).toBe("directory");
    expect(parseStat("0|0|777|symbolic link|/bin").type).toBe("symlink");
    expect(parseStat("0|0|644|fifo|/tmp/ff").type).toBe("fifo");
    expect(parseStat("0|0|755|socket|/run/s.sock").type).toBe("socket");
    const dev = parseStat("0|0|666|character special file|/dev/null");
    expect(dev.type).toBe("other");
    expect(dev.typeText).toBe("character special file");
  });

  it("keeps special bits and pads short modes", () => {
    const tmp = parseStat("0|0|1777|directory|/tmp");
    expect(tmp.mode).toBe(0o1777);
    expect(tmp.modeText).toBe("1777");
    const odd = parseStat("0|0|44|regular file|/x");
    expect(odd.mode).toBe(0o44);
    expect(odd.modeText).toBe("044");
  });

  it("keeps a | or spaces inside the path", () => {
    const s = parseStat("10000|10000|640|regular file|/opt/data/a|b c.yaml");
    expect(s.path).toBe("/opt/data/a|b c.yaml");
    expect(s.mode).toBe(0o640);
  });

  it("surfaces stat's own error text", () => {
    const err = "stat: cannot statx '/nonexist': No such file or directory";
    expect(() => parseStat(err)).toThrow(`Unrecognised stat output: ${JSON.stringify(err)}`);
  });

  it("rejects empty output, several lines and non-octal modes", () => {
    expect(() => parseStat("")).toThrow(/Unrecognised stat output/);
    expect(() => parseStat("0|0|755|directory|/\n0|0|644|regular file|/a\n")).toThrow(
      /Expected one stat line/,
    );
    expect(() => parseStat("0|0|789|regular file|/a")).toThrow(/Unrecognised stat output/);
  });
});

describe("parseStats", () => {
  it("parses one line per path, in the order asked", () => {
    const stats = parseStats(
      "10000|10000|600|regular file|/opt/data/.env\n0|0|777|symbolic link|/opt/data/auth.json\n",
      ["/opt/data/.env", "/opt/data/auth.json"],
    );
    expect(stats.map((s) => `${s.path} ${s.type} ${s.modeText} ${s.uid}`)).toEqual([
      "/opt/data/.env file 600 10000",
      "/opt/data/auth.json symlink 777 0",
    ]);
  });

  it("rejects a missing line, an extra line, a line for another path and no paths at all", () => {
    const one = "0|0|755|directory|/a\n";
    expect(() => parseStats(one, ["/a", "/b"])).toThrow(/Expected 2 stat line\(s\)/);
    expect(() => parseStats("0|0|755|directory|/a\n0|0|755|directory|/b\n", ["/a"])).toThrow(
      /Expected 1 stat line/,
    );
    expect(() => parseStats("0|0|755|directory|/b\n0|0|755|directory|/a\n", ["/a", "/b"])).toThrow(
      /stat line 1 is for \/b, not \/a/,
    );
    expect(() => parseStats("", [])).toThrow(/Expected 0 stat line/);
  });
});
