import type { Logger } from "pino";
import type { BrokerState } from "./broker";

/** Tells the broker's listeners (and the log) when its state really changed, once per change. */
export class StateReporter {
  private handlers: ((state: BrokerState) => void)[] = [];
  private last: BrokerState = "down";

  constructor(
    private read: () => BrokerState,
    private log: Logger,
  ) {}

  onChange(handler: (state: BrokerState) => void): void {
    this.handlers.push(handler);
  }

  report(): void {
    const state = this.read();
    if (state === this.last) return;
    this.last = state;
    this.log.info({ broker: state }, state === "up" ? "broker up" : "broker down; serving local clients");
    for (const handler of this.handlers) handler(state);
  }

  clear(): void {
    this.handlers = [];
  }
}
