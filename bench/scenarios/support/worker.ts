import { mintSessionToken } from "../../../test/support/tokens";
import { BenchClient } from "./bench-client";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";
import { serveCommands } from "../../lib/pool-worker";

/*
 * A session worker (a WorkerPool worker): holds many sockets that act as
 * browsers do (reconnect, resubscribe with `since`, catch up) and obeys one
 * command at a time from its scenario. Every wait is bounded; the pool kills
 * it if it hangs.
 */
let clients: BenchClient[] = [];

async function open(c: Extract<WorkerCommand, { cmd: "open" }>): Promise<WorkerReply> {
  const tokens = await Promise.all(c.users.map((u) => mintSessionToken(u, { secret: c.secret })));
  const fresh = Array.from({ length: c.count }, (_, i) =>
    new BenchClient({ port: c.port, token: tokens[i % tokens.length]!, localAddress: c.localAddresses[i % c.localAddresses.length]! }, c.rooms[i % c.rooms.length] ?? ""),
  );
  let failed = 0;
  let firstError = "";
  // A bounded number of handshakes (and subscribes) at a time, like a fleet of browsers starting.
  for (let i = 0; i < fresh.length; i += c.concurrency) {
    const wave = fresh.slice(i, i + c.concurrency);
    const results = await Promise.allSettled(wave.map((client) => client.connect()));
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      failed++;
      firstError ||= String(r.reason);
    }
    const ready = wave.filter((_, k) => results[k]!.status === "fulfilled");
    if (!c.subscribe) continue;
    const subscribed = await Promise.all(ready.map((client) => untilCaughtUp(client, 30_000)));
    // A socket lost during setup comes back the way a browser would.
    const again = await Promise.all(ready.map((client, k) => subscribed[k] || recover(client, 30_000)));
    const refused = ready.filter((_, k) => !again[k]);
    failed += refused.length;
    if (refused.length) firstError ||= `not subscribed: ${refused[0]!.lastError || "no answer"}, closed ${refused[0]!.closeCode ?? "no"}`;
  }
  clients.push(...fresh);
  return { evt: "opened", opened: c.count - failed, failed, firstError };
}

/** Subscribe (with `since` after a drop) and resolve true once the replay reached lastSeq. */
function untilCaughtUp(client: BenchClient, timeoutMs: number, since?: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => ((client.onProgress = null), resolve(false)), timeoutMs);
    client.onProgress = () => {
      const closed = client.closeCode !== null;
      if (!client.caughtUp && !closed) return;
      client.onProgress = null;
      clearTimeout(timer);
      resolve(!closed);
    };
    client.subscribe(since);
  });
}

let retries = 0;

/**
 * What a browser does after a cut: reconnect, resubscribe from the last seq it
 * holds, catch up; a refused handshake or a socket closed on the way is
 * retried after a short jittered pause, until the deadline.
 */
async function recover(client: BenchClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = () => Math.max(deadline - Date.now(), 1);
    const ok = await client.connect(left()).then(() => untilCaughtUp(client, left(), client.highest), () => false);
    if (ok) return true;
    if (Date.now() >= deadline) return false;
    retries++;
    client.terminate();
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
  }
}

/** Pipelined sends: each client keeps `inFlight` unacked; acks are counted inside the measuring window. */
async function send(c: Extract<WorkerCommand, { cmd: "send" }>): Promise<WorkerReply> {
  const start = Date.now();
  const from = start + c.warmupMs;
  const until = from + c.durationMs;
  let inWindow = 0;
  const body = "benchmark message body, about as long as a chat line";
  const timers: NodeJS.Timeout[] = [];
  for (const client of clients) {
    client.onAck = () => {
      const now = Date.now();
      if (now >= from && now < until) inWindow++;
      if (now < until && !c.intervalMs) client.send(body);
    };
    if (c.intervalMs) timers.push(setInterval(() => Date.now() < until && client.pending < c.inFlight && client.send(body), c.intervalMs));
    else for (let i = 0; i < c.inFlight; i++) client.send(body);
  }
  await new Promise((resolve) => setTimeout(resolve, until - start));
  timers.forEach(clearInterval);
  const deadline = Date.now() + 5000;
  while (clients.some((cl) => cl.pending > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const errors = clients.reduce((n, cl) => n + cl.errors, 0);
  return { evt: "sent", acksInWindow: inWindow, acks: clients.reduce((n, cl) => n + cl.acks, 0), errors, lastError: clients.find((cl) => cl.errors)?.lastError ?? "" };
}

/** Drop every socket at once, then each recovers on its own; the reply says when the last one caught up. */
async function drop(c: Extract<WorkerCommand, { cmd: "drop" }>): Promise<WorkerReply> {
  const start = Date.now();
  retries = 0;
  for (const client of clients) client.terminate();
  const results = await Promise.allSettled(clients.map((client) => recover(client, c.timeoutMs)));
  const stuck = clients.filter((_, i) => { const r = results[i]!; return r.status === "rejected" || !r.value; });
  const why = stuck.slice(0, 3).map((client) => `target ${client.target} highest ${client.highest} error ${client.lastError || "-"} closed ${client.closeCode ?? "no"}`);
  return { evt: "caughtUp", caughtUp: clients.length - stuck.length, failed: stuck.length, ms: Date.now() - start, retries, why };
}

function closeAll(): void {
  for (const client of clients) client.terminate();
  clients = [];
}

serveCommands<WorkerCommand>((command) => (command.cmd === "open" ? open(command) : command.cmd === "send" ? send(command) : drop(command)), closeAll);
