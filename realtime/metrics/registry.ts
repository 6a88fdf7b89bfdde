import { Gauge, Histogram, Registry } from "prom-client";
import { CloseCode, clientFrame, errorCode, serverFrame, type ClientFrame, type ErrorCode, type ServerFrame } from "../../protocol";
import { labelledCounts } from "../../lib/metrics/counts";

/*
 * The sidecar's metrics, one registry per process (a sidecar is a process;
 * test stacks that run several in one process add up). Every label has a
 * fixed set of values: frame types, error codes, close codes, refusal
 * reasons, broker event kinds. Never a user, room or socket id.
 * Served by ./serve.ts on REALTIME_METRICS_PORT, never on the public port.
 */
export const sidecarRegistry = new Registry();

const clientFrameTypes = clientFrame.options.map((o) => o.shape.type.value) as ClientFrame["type"][];
const serverFrameTypes = serverFrame.options.map((o) => o.shape.type.value) as ServerFrame["type"][];

export const framesIn = labelledCounts(sidecarRegistry, {
  name: "chat_frames_in_total",
  help: "Text frames received from clients, by type (invalid: not a valid client frame).",
  label: "type",
  values: [...clientFrameTypes, "invalid"],
});

export const framesOut = labelledCounts(sidecarRegistry, {
  name: "chat_frames_out_total",
  help: "Frames sent, by type: one per send to a socket or per publish to a room topic, NOT per recipient.",
  label: "type",
  values: serverFrameTypes,
});

export const errorsSent = labelledCounts<ErrorCode>(sidecarRegistry, {
  name: "chat_errors_total",
  help: "error frames sent to clients, by code.",
  label: "code",
  values: errorCode.options,
});

/** The close codes worth a series of their own; anything else a client sends is "other". */
const knownCloseCodes = new Set([1000, 1005, 1006, 1011, ...Object.values(CloseCode).map((c) => c.code)].map(String));

const closes = labelledCounts(sidecarRegistry, {
  name: "chat_socket_closes_total",
  help: "Sockets closed, by close code (1005: no code given, 1006: dropped without a close frame).",
  label: "code",
  values: [...knownCloseCodes, "other"],
});
export const countClose = (code: number) => closes.inc(knownCloseCodes.has(String(code)) ? String(code) : "other");

export const socketsOpen = new Gauge({ name: "chat_sockets_open", help: "WebSocket connections open now.", registers: [sidecarRegistry] });

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const sendToAck = new Histogram({
  name: "chat_send_ack_seconds",
  help: "From handling a send frame to its ack (after commit), seconds.",
  buckets: latencyBuckets,
  registers: [sidecarRegistry],
});

export const batchSize = new Histogram({
  name: "chat_batch_size",
  help: "Sends written per batch (one statement, one transaction).",
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
  registers: [sidecarRegistry],
});

export const batchCommit = new Histogram({
  name: "chat_batch_commit_seconds",
  help: "Time to write and commit one batch of sends, seconds.",
  buckets: latencyBuckets,
  registers: [sidecarRegistry],
});

export const presenceEntries = new Gauge({
  name: "chat_presence_entries",
  help: "Users online per room on this sidecar, summed over rooms (room and user pairs held in memory).",
  registers: [sidecarRegistry],
});
