import type { Broker } from "./broker";

/** One sidecar: uWS topics already reach every local socket, so there is nobody else to tell. */
export function createLocalBroker(): Broker {
  return {
    state: "local",
    publish: () => {},
    onEvent: () => {},
    listen: async () => {},
    unlisten: () => {},
    onStateChange: () => {},
    close: async () => {},
  };
}
