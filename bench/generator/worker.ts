import * as hdr from "hdr-histogram-js";
import { emptyCounters, RawClient, type ClientSpec } from "./client";
import { serveCommands } from "../lib/pool-worker";
import type { Command, OpenCommand, OpenResult } from "./commands";
import { nowMicros, sentAtMicros, type Dialect } from "./dialects";
import { offerLoad } from "./load";

/*
 * One load-generator process (a WorkerPool worker). Holds its clients and
 * answers LoadGenerator's commands. Probe clients record send -> receive latency (µs) in an
 * HDR histogram; everyone else only counts frames.
 */
const counters = emptyCounters();
let clients: RawClient[] = [];
let dialect: Dialect = "chat";
const newHistogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
let histogram = newHistogram();

function recordLatency(data: Buffer, start: number, end: number): void {
  const sentAt = sentAtMicros(data, start, end);
  if (sentAt > 0) histogram.recordValue(Math.max(1, nowMicros() - sentAt));
}

const maxAttempts = 3;

async function settledBefore(client: RawClient, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()))));
  const ok = await Promise.race([client.settled, timedOut]);
  clearTimeout(timer);
  return ok;
}

async function openClients(command: OpenCommand): Promise<OpenResult> {
  const url = new URL(command.url);
  dialect = command.dialect;
  const started = performance.now();
  const deadline = started + command.timeoutMs;
  const failures = new Set<string>();
  let subscribed = 0;
  let next = 0;
  const openOne = async (spec: ClientSpec, index: number) => {
    const localAddress = command.localAddresses[index % command.localAddresses.length]!;
    const onMessage = spec.probe ? recordLatency : undefined;
    // A handshake the server does not answer in time (say, while it is out of file descriptors) is retried, as a real client would.
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const client = new RawClient(spec, { url, dialect, localAddress, counters, onMessage });
      clients.push(client);
      if (await settledBefore(client, deadline)) return void subscribed++;
      const retry = !client.handshakeDone && !client.failure.startsWith("HTTP") && attempt < maxAttempts;
      if (!retry) {
        if (failures.size < 5) failures.add(`client #${index}: ${client.failure || "timed out"} (${client.describe()})`);
        return;
      }
      counters.retried++;
      client.socket.destroy();
    }
  };
  // A fixed number of lanes, each opening its next client when the last settles.
  const lane = async () => {
    while (next < command.clients.length && performance.now() < deadline) {
      const index = next++;
      await openOne(command.clients[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.clients.length) }, lane));
  const requested = command.clients.length;
  return { requested, subscribed, failed: requested - subscribed, failures: [...failures], elapsedMs: performance.now() - started };
}

function dropClients(): number {
  const dropped = clients.length;
  for (const client of clients) client.socket.destroy();
  clients = [];
  return dropped;
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case "open":
      return openClients(command);
    case "load": {
      const senders = clients.filter((c) => c.spec.sender && !c.socket.destroyed);
      return offerLoad(senders, dialect, command.ratePerSecond, command.durationMs, command.bodyBytes);
    }
    case "stats":
      return { ...counters, connected: clients.filter((c) => !c.socket.destroyed).length };
    case "histogram": {
      const encoded = hdr.encodeIntoCompressedBase64(histogram);
      if (command.reset) histogram = newHistogram();
      return encoded;
    }
    case "drop":
      return dropClients();
  }
}

serveCommands(handle, dropClients);
