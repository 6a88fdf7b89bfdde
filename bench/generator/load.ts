import { randomUUID } from "node:crypto";
import type { RawClient } from "./client";
import type { LoadResult } from "./commands";
import { nowMicros, sendFrame, type Dialect } from "./dialects";
import { encodeFrame } from "./wire";

/*
 * Offered load: ratePerSecond sends spread round-robin over the sender
 * clients, paced every tickMs against the clock (not the timer count), for
 * durationMs. Each send carries its send time in the body (`t=<µs>;`).
 * A stalled tick does not turn into a burst larger than maxCatchUpTicks.
 */
const tickMs = 5;
const maxCatchUpTicks = 20;

export async function offerLoad(
  senders: RawClient[],
  dialect: Dialect,
  ratePerSecond: number,
  durationMs: number,
  bodyBytes: number,
): Promise<LoadResult> {
  if (senders.length === 0 || ratePerSecond <= 0) return { sent: 0, elapsedMs: 0 };
  const padding = "x".repeat(Math.max(0, bodyBytes - 20));
  const started = performance.now();
  let sent = 0;
  let next = 0;
  const perTickCap = Math.max(1, Math.ceil((ratePerSecond * tickMs * maxCatchUpTicks) / 1000));
  for (let tick = 0; tick < durationMs / tickMs + 10; tick++) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) break;
    const due = Math.min(Math.floor((ratePerSecond * elapsed) / 1000) - sent, perTickCap);
    const batches = new Map<RawClient, Buffer[]>();
    for (let i = 0; i < due; i++) {
      const client = senders[next++ % senders.length]!;
      const body = `t=${nowMicros()};${padding}`;
      const frame = encodeFrame(sendFrame(dialect, client.spec.rooms[0]!.room, randomUUID(), body));
      const queued = batches.get(client);
      if (queued) queued.push(frame);
      else batches.set(client, [frame]);
    }
    // One write per client per tick: fewer syscalls, like a corked socket.
    for (const [client, frames] of batches) client.write(Buffer.concat(frames));
    sent += Math.max(0, due);
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  return { sent, elapsedMs: performance.now() - started };
}
