import type Dockerode from "dockerode";
import type { BoundPorts, WaitStrategy } from "testcontainers";
import { TIMEOUTS } from "../wait/timeouts.js";

/**
 * What every harness wait strategy shares (as testcontainers' own AbstractWaitStrategy, which it does
 * not export): one startup timeout, by default the boot timeout.
 */
export abstract class HarnessWaitStrategy implements WaitStrategy {
  protected startupTimeoutMs: number = TIMEOUTS.bootMs;
  private startupTimeoutSet = false;

  abstract waitUntilReady(container: Dockerode.Container, boundPorts?: BoundPorts): Promise<void>;

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

/** For states that never boot (C8 probes with another PID 1, or a caller that waits itself): started is enough. */
export class RunningWaitStrategy extends HarnessWaitStrategy {
  async waitUntilReady(): Promise<void> {}
}
