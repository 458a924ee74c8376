import type Docker from "dockerode";
import stripAnsi from "strip-ansi";
import { SCANDIR, VENV_PYTHON } from "../../image-facts.js";
import { runningTests } from "../../run/context/current-test.js";
import { type TrackedContainer, tracker } from "../../run/context/resource-tracker.js";
import { recordTiming } from "../../run/profiling/recorder.js";
import { execInContainer } from "../exec/exec-in-container.js";
import { describeExec, type ExecResult } from "../exec/exec-result.js";
import { type ExecUser, resolveExecUser } from "../exec/exec-user.js";
import { BOOT_LOG, type BootRecord, parseBootLog } from "../read/boot-log.js";
import { demuxLogBuffer } from "../read/docker-logs.js";
import { type FileStat, parseStat, parseStats, STAT_FORMAT } from "../read/file-stat.js";
import { type ProcessRow, PS_ARGV, parseProcessTable } from "../read/process-table.js";
import { parseSvstat, SlotMissingError, type SlotStatus } from "../read/svstat.js";
import { TIMEOUTS } from "../wait/timeouts.js";
import { waitFor } from "../wait/wait-for.js";
import { WaitGaveUp } from "../wait/wait-gave-up.js";
import { bootLogSize } from "./boot-log-size.js";
import { waitForBootReadiness } from "./boot-readiness-wait-strategy.js";

export type ExecOptions = ExecUser & {
  env?: Record<string, string>;
  workingDir?: string;
  stdin?: string;
  /** Default TIMEOUTS.execMs. */
  timeoutMs?: number;
};

export interface HttpResponse {
  status: number;
  body: string;
}

/** How long one in-container HTTP probe keeps asking before it reports (waitForHttpOk). */
const HTTP_RETRY_MS = 2_000;

/** How long a slot wait lasts, and (unset: waitFor's backoff) how often it probes. */
export interface SlotWaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** A running Hermes container, seen the way a user sees it: through docker exec as hermes. */
export class HermesContainer {
  constructor(
    readonly container: Docker.Container,
    readonly name: string,
    private readonly tracked: TrackedContainer,
    private readonly hostPorts: ReadonlyMap<number, number>,
  ) {}

  get id(): string {
    return this.container.id;
  }

  /** Runs argv in the container, as hermes unless `{ root: { reason } }` says why not. */
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const { user, rootReason } = resolveExecUser(options);
    const started = Date.now();
    const record = {
      at: new Date().toISOString(),
      user,
      rootReason,
      argv,
      ms: 0,
      tests: [...runningTests()],
    } as TrackedContainer["execs"][number];
    this.tracked.execs.push(record);
    this.used();
    try {
      const result = await execInContainer(this.container, {
        argv,
        user,
        env: options.env,
        workingDir: options.workingDir,
        stdin: options.stdin,
        timeoutMs: options.timeoutMs ?? TIMEOUTS.execMs,
      });
      record.exitCode = result.exitCode;
      return result;
    } catch (error) {
      record.error = (error as Error).message.split("\n")[0];
      // 409: the container is not running. Nothing a wait polls for can happen in it any more, so a
      // wait ends here instead of polling to its deadline (a restart is the test's own, awaited, step).
      if ((error as { statusCode?: number }).statusCode === 409)
        throw new WaitGaveUp(
          `Gave up: ${this.name} is not running (docker exec ${argv.join(" ")}: ${record.error})`,
          {
            cause: error,
          },
        );
      throw error;
    } finally {
      record.ms = Date.now() - started;
      recordTiming("docker", `exec ${argv.join(" ").slice(0, 80)}`, record.ms);
    }
  }

  /** `sh -c script`, as hermes by default. */
  sh(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    return this.exec(["sh", "-c", script], options);
  }

  /** Like exec, but a non-zero exit is an error that shows both streams; returns stdout. */
  async ok(argv: readonly string[], options: ExecOptions = {}): Promise<string> {
    const result = await this.exec(argv, options);
    if (result.exitCode !== 0)
      throw new Error(`command failed in ${this.name}\n${describeExec(argv, result)}`);
    return result.stdout;
  }

  /** Like ok, split into its non-empty lines: what a `find` or a shell loop printed, one item each. */
  async okLines(argv: readonly string[], options: ExecOptions = {}): Promise<string[]> {
    return (await this.ok(argv, options)).split("\n").filter((line) => line.trim() !== "");
  }

  shOk(script: string, options: ExecOptions = {}): Promise<string> {
    return this.ok(["sh", "-c", script], options);
  }

  /** The process table (pid, ppid, uid, user, state, args), read as hermes. */
  async processes(): Promise<ProcessRow[]> {
    return parseProcessTable(await this.ok(PS_ARGV));
  }

  /** An s6 slot's status, read as hermes with s6-svstat (C6.6). */
  async svstat(slot: string): Promise<SlotStatus> {
    const argv = ["/command/s6-svstat", `${SCANDIR}/${slot}`];
    const result = await this.exec(argv);
    if (result.exitCode === 0) return parseSvstat(result.stdout);
    const message = `s6-svstat failed for slot ${slot}\n${describeExec(argv, result)}`;
    const exists = await this.exec(["test", "-d", `${SCANDIR}/${slot}`]);
    throw exists.exitCode === 1
      ? new SlotMissingError(`${message}\n(${SCANDIR}/${slot} does not exist)`)
      : new Error(message);
  }

  /** Slot names in the scandir (dot-directories excluded, as s6-svscan ignores them). */
  async slots(): Promise<string[]> {
    const out = await this.shOk(`ls -1 ${SCANDIR}`);
    return out.split("\n").filter((name) => name && !name.startsWith("."));
  }

  /** lstat of a path (a symlink is reported as one), read as hermes unless told otherwise. */
  async stat(path: string, options: ExecUser = {}): Promise<FileStat> {
    return parseStat(await this.ok(["stat", "-c", STAT_FORMAT, "--", path], options));
  }

  /** lstat of several paths in one exec (one stat process), in the order given. */
  async statAll(paths: readonly string[], options: ExecUser = {}): Promise<FileStat[]> {
    return parseStats(await this.ok(["stat", "-c", STAT_FORMAT, "--", ...paths], options), paths);
  }

  async exists(path: string, options: ExecUser = {}): Promise<boolean> {
    return (await this.exec(["test", "-e", path], options)).exitCode === 0;
  }

  async readFile(path: string, options: ExecUser = {}): Promise<string> {
    return this.ok(["cat", "--", path], options);
  }

  /**
   * An HTTP GET from inside the container (the image's own Python), as hermes. With `retryForMs`,
   * the same Python asks again every 100 ms, for that long, until the answer is 200 (a refused
   * connection too): one docker exec for what took one exec a try when polled from here.
   */
  async httpGet(port: number, path: string, retryForMs = 0): Promise<HttpResponse> {
    const answer = await this.httpAsk(port, path, retryForMs, false);
    if (answer === "refused") throw new Error(`GET ${path} on ${port}: connection refused`);
    return answer;
  }

  /**
   * Like httpGet, but a connection still refused once `retryForMs` is over is an answer of its own,
   * "refused" (for a port that must stay closed, C6.10); any other failure still throws.
   */
  httpGetOrRefused(port: number, path: string, retryForMs: number): Promise<HttpResponse | "refused"> {
    return this.httpAsk(port, path, retryForMs, true);
  }

  private async httpAsk(
    port: number,
    path: string,
    retryForMs: number,
    refusedIsAnswer: boolean,
  ): Promise<HttpResponse | "refused"> {
    const script = [
      "import sys, time, urllib.request, urllib.error",
      "url, until = sys.argv[1], time.monotonic() + float(sys.argv[2]) / 1000",
      "while True:",
      "    try:",
      "        r = urllib.request.urlopen(url, timeout=5); status, body = r.status, r.read().decode()",
      "    except urllib.error.HTTPError as e:",
      "        status, body = e.code, e.read().decode()",
      "    except OSError as e:",
      "        if time.monotonic() >= until:",
      "            if sys.argv[3] == '1' and isinstance(getattr(e, 'reason', e), ConnectionRefusedError):",
      "                print('refused'); sys.exit(0)",
      "            raise",
      "        time.sleep(0.1); continue",
      "    if status == 200 or time.monotonic() >= until: break",
      "    time.sleep(0.1)",
      "print(status); print(body, end='')",
    ].join("\n");
    const url = `http://127.0.0.1:${port}${path}`;
    const wait = String(Math.max(0, Math.round(retryForMs)));
    const out = await this.ok([VENV_PYTHON, "-c", script, url, wait, refusedIsAnswer ? "1" : "0"]);
    if (out === "refused\n") return "refused";
    const newline = out.indexOf("\n");
    return { status: Number(out.slice(0, newline)), body: out.slice(newline + 1) };
  }

  /**
   * Waits until a GET from inside the container answers 200, and returns that answer. Each probe
   * retries inside for up to HTTP_RETRY_MS (httpGet), never past the wait's own deadline.
   */
  waitForHttpOk(
    port: number,
    path: string,
    description: string,
    timeoutMs: number = TIMEOUTS.conditionMs,
  ): Promise<HttpResponse> {
    const deadline = performance.now() + timeoutMs;
    return waitFor(() => this.httpGet(port, path, Math.min(HTTP_RETRY_MS, deadline - performance.now())), {
      description,
      timeoutMs,
      until: (response) => response.status === 200,
      intervalMs: 100,
    });
  }

  /** `http://127.0.0.1:<host port>` for a port published with `ports`. */
  hostUrl(containerPort: number): string {
    this.used();
    const hostPort = this.hostPorts.get(containerPort);
    if (hostPort === undefined) throw new Error(`port ${containerPort} was not published; pass it in ports`);
    return `http://127.0.0.1:${hostPort}`;
  }

  /** `docker logs`, both streams, ANSI stripped. */
  async logs(): Promise<string> {
    this.used();
    return stripAnsi(
      demuxLogBuffer(await this.container.logs({ stdout: true, stderr: true, follow: false })),
    );
  }

  async bootLogText(): Promise<string> {
    const result = await this.exec(["cat", BOOT_LOG]);
    return result.exitCode === 0 ? result.stdout : "";
  }

  async bootRecords(): Promise<BootRecord[]> {
    return parseBootLog(await this.bootLogText()).records;
  }

  /** Byte length of the boot log now: the offset after which a new boot's lines start. */
  bootLogBytes(): Promise<number> {
    this.used();
    return bootLogSize(this.container);
  }

  /** `docker restart`, then wait for the new boot's readiness line only (a stale line never counts). */
  async restart(timeoutMs: number = TIMEOUTS.bootMs): Promise<void> {
    this.used();
    const before = await this.bootLogBytes();
    const started = Date.now();
    await this.container.restart({ t: 10 });
    await waitForBootReadiness(this.container, before, timeoutMs);
    recordTiming("docker", "restart until ready", Date.now() - started);
  }

  /** `docker stop`; returns how long it took and the exit code. */
  async stop(graceSeconds = 10): Promise<{ ms: number; exitCode: number }> {
    this.used();
    const started = Date.now();
    await this.container.stop({ t: graceSeconds });
    const ms = Date.now() - started;
    return { ms, exitCode: (await this.container.inspect()).State.ExitCode };
  }

  async state(): Promise<Docker.ContainerInspectInfo["State"]> {
    this.used();
    return (await this.container.inspect()).State;
  }

  /** A failing test's diagnostics cover the file-wide containers it used (resource-tracker.ts). */
  private used(): void {
    tracker.markUsed(this.tracked);
  }

  /**
   * Waits until an s6 slot's status satisfies `until` (read as hermes). A slot that does not exist
   * for TIMEOUTS.slotGraceMs ends the wait then: nothing would make it later.
   */
  waitForSlot(
    slot: string,
    until: (status: SlotStatus) => boolean,
    description: string,
    { timeoutMs = TIMEOUTS.conditionMs, intervalMs }: SlotWaitOptions = {},
  ): Promise<SlotStatus> {
    let missingSince: number | undefined;
    const probe = () =>
      this.svstat(slot).then(
        (status) => {
          missingSince = undefined;
          return status;
        },
        (error: unknown) => {
          if (!(error instanceof SlotMissingError)) throw error;
          missingSince ??= performance.now();
          const missingMs = performance.now() - missingSince;
          if (missingMs < TIMEOUTS.slotGraceMs) throw error;
          throw new WaitGaveUp(
            `Gave up waiting for slot ${slot}: ${description}: ${SCANDIR}/${slot} has not existed for ${Math.round(missingMs)} ms`,
            { cause: error },
          );
        },
      );
    return waitFor(probe, {
      description: `slot ${slot}: ${description}`,
      timeoutMs,
      intervalMs,
      until,
      describeValue: (status) => status.raw,
    });
  }

  /** Waits until a slot is up with a pid different from `previousPid` (a restart happened). */
  waitForNewPid(
    slot: string,
    previousPid: number | undefined,
    timeoutMs: number = TIMEOUTS.conditionMs,
  ): Promise<SlotStatus> {
    return this.waitForSlot(
      slot,
      (status) => status.state === "up" && status.pid !== undefined && status.pid !== previousPid,
      `up with a pid other than ${previousPid}`,
      { timeoutMs },
    );
  }

  /** Waits until `docker logs` has a line matching the pattern; returns that line. */
  async waitForLogLine(pattern: RegExp, timeoutMs: number = TIMEOUTS.conditionMs): Promise<string> {
    const logs = await waitFor(() => this.logs(), {
      description: `a docker logs line matching ${pattern}`,
      timeoutMs,
      until: (text) => text.split("\n").some((line) => pattern.test(line)),
      describeValue: (text) => text.split("\n").slice(-15).join("\n"),
    });
    return logs.split("\n").find((line) => pattern.test(line)) ?? "";
  }
}
