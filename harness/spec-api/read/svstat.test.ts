import { describe, expect, it } from "vitest";
import { parseSvstat, SvstatError } from "./svstat.js";

describe("parseSvstat: lines captured from Debian s6 2.13.1.0", () => {
  it("up, normally up", () => {
    expect(parseSvstat("up (pid 37 pgid 37) 1 seconds\n")).toEqual({
      state: "up",
      pid: 37,
      pgid: 37,
      seconds: 1,
      normallyUp: true,
      ready: false,
      finishing: false,
      paused: false,
      throttled: false,
      raw: "up (pid 37 pgid 37) 1 seconds",
    });
  });

  it("up and ready", () => {
    const s = parseSvstat("up (pid 39 pgid 39) 3 seconds, ready 3 seconds");
    expect(s.state).toBe("up");
    expect(s.ready).toBe(true);
    expect(s.readySeconds).toBe(3);
    expect(s.want).toBeUndefined();
  });

  it("up, normally down (started by s6-svc -u despite a down file)", () => {
    const s = parseSvstat("up (pid 48 pgid 48) 1 seconds, normally down");
    expect(s.state).toBe("up");
    expect(s.normallyUp).toBe(false);
    expect(s.pid).toBe(48);
  });

  it("up but wanted down (ignores SIGTERM)", () => {
    const s = parseSvstat("up (pid 29 pgid 29) 3 seconds, want down");
    expect(s.state).toBe("up");
    expect(s.want).toBe("down");
    expect(s.normallyUp).toBe(true);
  });

  it("down after SIGKILL, wanted up: state is down although 'want up' contains 'up'", () => {
    const s = parseSvstat("down (signal SIGKILL) 1 seconds, normally up, want up, ready 1 seconds");
    expect(s.state).toBe("down");
    expect(s.signal).toBe("SIGKILL");
    expect(s.exitCode).toBeUndefined();
    expect(s.pid).toBeUndefined();
    expect(s.normallyUp).toBe(true);
    expect(s.want).toBe("up");
    expect(s.ready).toBe(true);
    expect(s.finishing).toBe(false);
  });

  it("down with a down file, never started", () => {
    const s = parseSvstat("down (exitcode 0) 1 seconds, ready 1 seconds");
    expect(s.state).toBe("down");
    expect(s.exitCode).toBe(0);
    expect(s.normallyUp).toBe(false);
    expect(s.want).toBeUndefined();
    expect(s.finishing).toBe(false);
  });

  it("permanent failure (finish exited 125): down, normally up, not wanted up; exitcode is run's", () => {
    const s = parseSvstat("down (exitcode 7) 3 seconds, normally up, ready 3 seconds");
    expect(s.state).toBe("down");
    expect(s.exitCode).toBe(7);
    expect(s.normallyUp).toBe(true);
    expect(s.want).toBeUndefined();
    expect(s.finishing).toBe(false);
  });

  it("while ./finish runs: down and not ready means finishing", () => {
    const s = parseSvstat("down (exitcode 3) 1 seconds, normally up, want up");
    expect(s.state).toBe("down");
    expect(s.exitCode).toBe(3);
    expect(s.want).toBe("up");
    expect(s.ready).toBe(false);
    expect(s.finishing).toBe(true);
  });

  it("fatal message when the slot is not supervised is surfaced", () => {
    const line =
      "s6-svstat: fatal: unable to read status for /run/service/gateway-x: s6-supervise not running";
    expect(() => parseSvstat(line)).toThrow(SvstatError);
    expect(() => parseSvstat(line)).toThrow(`s6-svstat failed: ${line}`);
  });
});

describe("parseSvstat: variants from the brief and older s6", () => {
  it("up without pgid (s6 before 2.13)", () => {
    const s = parseSvstat("up (pid 123) 5 seconds");
    expect(s.pid).toBe(123);
    expect(s.pgid).toBeUndefined();
    expect(s.seconds).toBe(5);
  });

  it("up, normally down", () => {
    const s = parseSvstat("up (pid 123) 10 seconds, normally down");
    expect(s.normallyUp).toBe(false);
    expect(s.seconds).toBe(10);
  });

  it("down, normally up, want up, ready", () => {
    const s = parseSvstat("down (exitcode 0) 3 seconds, normally up, want up, ready 3 seconds");
    expect(s).toMatchObject({ state: "down", exitCode: 0, normallyUp: true, want: "up", ready: true });
  });

  it("down by signal without ready", () => {
    const s = parseSvstat("down (signal SIGKILL) 0 seconds, normally up, want up");
    expect(s).toMatchObject({ state: "down", signal: "SIGKILL", seconds: 0, want: "up", finishing: true });
  });

  it("down with exitcode 125", () => {
    expect(parseSvstat("down (exitcode 125) 2 seconds, normally up").exitCode).toBe(125);
  });

  it("up, want down", () => {
    expect(parseSvstat("up (pid 7) 0 seconds, want down")).toMatchObject({
      state: "up",
      pid: 7,
      want: "down",
    });
  });

  it("numeric signal (s6-svstat -n)", () => {
    expect(parseSvstat("down (signal 9) 0 seconds, normally up, ready 0 seconds").signal).toBe("9");
  });

  it("explicit finishing, paused and throttled tokens", () => {
    expect(parseSvstat("down (exitcode 1) 0 seconds, normally up, want up, finishing").finishing).toBe(true);
    const up = parseSvstat("up (pid 5) 2 seconds, throttled, paused");
    expect(up.paused).toBe(true);
    expect(up.throttled).toBe(true);
  });
});

describe("parseSvstat: rejects what it does not understand", () => {
  const bad = [
    "",
    "want up",
    "down 5 seconds",
    "up 5 seconds",
    "up (pid 5) 5 seconds, sleepy",
    "up (pid 5) 5 seconds,normally down",
    "up (pid 5) 5 seconds, want up",
    "down (exitcode 1) 5 seconds, normally down",
    "down (exitcode 1) 5 seconds, want up, want up",
    " status: up (pid 5) 5 seconds",
    "up (pid 5) 5 seconds\nup (pid 6) 1 seconds",
  ];
  it.each(bad)("throws SvstatError on %j", (line) => {
    expect(() => parseSvstat(line)).toThrow(SvstatError);
  });

  it("names the offending text", () => {
    expect(() => parseSvstat("up (pid 5) 5 seconds, sleepy")).toThrow(/"sleepy"/);
  });
});
