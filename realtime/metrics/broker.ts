import { Gauge } from "prom-client";
import type { Broker, BrokerEvent, BrokerState } from "../broker/broker";
import { labelledCounts } from "../../lib/metrics/counts";
import { sidecarRegistry } from "./registry";

/*
 * Broker metrics from outside the broker: a decorator around any Broker
 * (local, Redis, or another), applied where the cluster is built, so the
 * brokers themselves know nothing of metrics.
 */
const kinds: BrokerEvent["kind"][] = ["changes", "ephemeral", "presence", "user"];
const states: BrokerState[] = ["local", "up", "down"];

const published = labelledCounts(sidecarRegistry, {
  name: "chat_broker_publishes_total",
  help: "Events published to the other sidecars while the broker was up, by kind (one per publish, not per receiver).",
  label: "kind",
  values: kinds,
});

const received = labelledCounts(sidecarRegistry, {
  name: "chat_broker_receives_total",
  help: "Events received from other sidecars, by kind.",
  label: "kind",
  values: kinds,
});

const live = new Set<Broker>();

new Gauge({
  name: "chat_broker_state",
  help: "1 for the broker's current state (local: one sidecar, no broker; up; down: Redis unreachable).",
  labelNames: ["state"],
  registers: [sidecarRegistry],
  collect() {
    for (const state of states) this.set({ state }, [...live].filter((b) => b.state === state).length);
  },
});

export function instrumentBroker(broker: Broker): Broker {
  live.add(broker);
  // One listener of our own, so an event is counted once however many handlers the broker has.
  broker.onEvent((_roomId, event) => received.inc(event.kind));
  return {
    get state() {
      return broker.state;
    },
    publish(roomId, event) {
      if (broker.state === "up") published.inc(event.kind);
      broker.publish(roomId, event);
    },
    onEvent: (handler) => broker.onEvent(handler),
    listen: (roomId) => broker.listen(roomId),
    unlisten: (roomId) => broker.unlisten(roomId),
    onStateChange: (handler) => broker.onStateChange(handler),
    close: () => {
      live.delete(broker);
      return broker.close();
    },
  };
}
