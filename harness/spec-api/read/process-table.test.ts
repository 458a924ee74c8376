import { describe, expect, it } from "vitest";
import { PS_ARGV, parseProcessTable, withoutEmulator, zombies } from "./process-table.js";

// Captured from `ps -e -o pid=,ppid=,uid=,user:32=,stat=,args=` (procps-ng 4.0.4, Debian 13), plus a zombie.
const SAMPLE = [
  "      1       0     0 root                             Ss   s6-svscan -t0 /run/service",
  "     23       1     0 root                             S    s6-supervise dashboard",
  '     29      26 10000 hermes                           Ss   sh -c trap "" TERM; while :; do sleep 1; done',
  "    101       1 10000 hermes                           Z    [sh] <defunct>",
  "    102       1 10000 hermes                           Z+   [sleep] <defunct>",
  "",
].join("\n");

describe("PS_ARGV", () => {
  it("asks for exactly the columns the parser reads, without headers", () => {
    expect(PS_ARGV).toEqual(["ps", "-e", "-o", "pid=,ppid=,uid=,user:32=,stat=,args="]);
  });
});

describe("parseProcessTable", () => {
  it("parses every column, keeping spaces and quotes in args", () => {
    const rows = parseProcessTable(SAMPLE);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      pid: 1,
      ppid: 0,
      uid: 0,
      user: "root",
      state: "Ss",
      args: "s6-svscan -t0 /run/service",
    });
    expect(rows[2]).toEqual({
      pid: 29,
      ppid: 26,
      uid: 10000,
      user: "hermes",
      state: "Ss",
      args: 'sh -c trap "" TERM; while :; do sleep 1; done',
    });
    expect(rows[3]?.args).toBe("[sh] <defunct>");
  });

  it("skips blank lines and tolerates CRLF", () => {
    const rows = parseProcessTable("\n  \n    7     1     0 root  R+   ps -e\r\n\n");
    expect(rows).toEqual([{ pid: 7, ppid: 1, uid: 0, user: "root", state: "R+", args: "ps -e" }]);
  });

  it("returns no rows for empty output", () => {
    expect(parseProcessTable("")).toEqual([]);
  });

  it("throws on a line that does not parse, naming the line", () => {
    expect(() => parseProcessTable("  PID  PPID   UID USER STAT COMMAND\n")).toThrow(
      /Unparseable ps line.*PID {2}PPID/,
    );
    expect(() => parseProcessTable("    1     0 root Ss init\n")).toThrow(/" {4}1 {5}0 root Ss init"/);
  });
});

describe("zombies", () => {
  it("selects rows whose STAT starts with Z", () => {
    const found = zombies(parseProcessTable(SAMPLE));
    expect(found.map((r) => r.pid)).toEqual([101, 102]);
  });

  it("does not treat Z elsewhere in STAT or args as a zombie", () => {
    const rows = parseProcessTable("    5     1     0 root  SZ   Z-looking command <defunct>\n");
    expect(rows).toHaveLength(1);
    expect(zombies(rows)).toEqual([]);
  });
});

describe("withoutEmulator", () => {
  it("drops qemu-user's interpreter and path, keeping argv[0] where the P flag preserved it", () => {
    const debian = "/usr/libexec/qemu-binfmt/aarch64-binfmt-P";
    expect(withoutEmulator(`${debian} /command/s6-svscan /command/s6-svscan -d 3 /run/service`)).toBe(
      "/command/s6-svscan -d 3 /run/service",
    );
    expect(withoutEmulator(`${debian} /usr/bin/sleep sleep infinity`)).toBe("sleep infinity");
    expect(withoutEmulator("/usr/bin/qemu-aarch64-static /usr/bin/sleep infinity")).toBe(
      "/usr/bin/sleep infinity",
    );
  });

  it("leaves a native command line alone", () => {
    expect(withoutEmulator("sleep infinity")).toBe("sleep infinity");
    expect(withoutEmulator("/bin/sh /etc/s6-init/stage2 sleep")).toBe("/bin/sh /etc/s6-init/stage2 sleep");
    expect(withoutEmulator("[kworker/0:1]")).toBe("[kworker/0:1]");
  });

  it("reads a whole emulated table as the program set it", () => {
    const table = parseProcessTable(
      "      1       0     0 root  Ssl /usr/libexec/qemu-binfmt/aarch64-binfmt-P /command/s6-svscan /command/s6-svscan -d 3 /run/service\n",
    );
    expect(table[0]?.args).toBe("/command/s6-svscan -d 3 /run/service");
  });
});
