/** Where progress goes: a terminal gets a live line, anything else (CI, a file) one line per step. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width: the live line is cut to it, as a wrapped line could not be redrawn. */
  columns?: number;
}

export interface StepStart {
  step: number;
  /** Steps this bisect takes at most, counting those done. */
  stepsAtMost: number;
  /** Candidates the first bad one may still be, this one included. */
  candidatesLeft: number;
  label: string;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The terminal's live line: where the bisect is and how long this step has taken so far. */
export function liveLine(start: StepStart, phase: string, elapsedMs: number): string {
  return `bisect: step ${start.step}/${start.stepsAtMost}, ${counted(start.candidatesLeft, "candidate")} left: ${phase} ${start.label} (${seconds(elapsedMs)})`;
}

/** The line a finished step leaves, on a terminal as in CI. */
export function stepLine(start: StepStart, outcome: string, elapsedMs: number): string {
  return `bisect: step ${start.step}/${start.stepsAtMost} ${start.label}: ${outcome} in ${seconds(elapsedMs)} (${counted(start.candidatesLeft, "candidate")} left before it)`;
}

/** Shows one step at a time: on a terminal a line redrawn every second, then the step's own line. */
export class BisectProgress {
  private timer: NodeJS.Timeout | undefined;
  private current: { start: StepStart; phase: string; began: number } | undefined;

  constructor(
    private readonly out: ProgressOutput,
    private readonly now: () => number = Date.now,
  ) {}

  begin(start: StepStart, phase: string): void {
    this.current = { start, phase, began: this.now() };
    if (!this.out.isTTY) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  phase(phase: string): void {
    if (!this.current) return;
    this.current.phase = phase;
    if (this.out.isTTY) this.draw();
  }

  /** Ends the step with `outcome` and returns how long it took. */
  end(outcome: string): number {
    const current = this.current;
    if (!current) return 0;
    this.stopDrawing();
    const elapsed = this.now() - current.began;
    this.out.write(`${stepLine(current.start, outcome, elapsed)}\n`);
    this.current = undefined;
    return elapsed;
  }

  /** A line between steps; on a terminal it goes above the live line. */
  say(line: string): void {
    if (this.out.isTTY && this.current) this.out.write("\r\x1b[K");
    this.out.write(`${line}\n`);
    if (this.out.isTTY && this.current) this.draw();
  }

  private draw(): void {
    if (!this.current) return;
    const { start, phase, began } = this.current;
    const line = liveLine(start, phase, this.now() - began);
    const width = this.out.columns ?? 0;
    this.out.write(`\r\x1b[K${width > 1 && line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
  }

  private stopDrawing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.out.isTTY) this.out.write("\r\x1b[K");
  }
}
