import { waitFor } from "../wait-for";
import { expectationOf } from "./expect";
import { FuzzConnection } from "./fuzz-connection";
import type { Rng } from "./prng";
import { nextShot, type FrameLimits } from "./shots";
import type { FuzzStats } from "./stats";
import type { World } from "./world";

export type FuzzOptions = {
  port: number;
  token: string;
  rng: Rng;
  world: World;
  stats: FuzzStats;
  frames: number;
  limits: FrameLimits & { maxBodyCodePoints: number };
  /** Frames in flight at most (a sliding window). Well under the socket's queue limit (1000). */
  window: number;
  /** How long a window may take to be answered before its frames count as unanswered. */
  answerTimeoutMs: number;
  /** Stops early (the sidecar died, or too many problems). */
  shouldStop: () => boolean;
};

/** One fuzz user: `frames` frames in a sliding window, reconnecting after every close. */
export async function fuzzOneUser(o: FuzzOptions): Promise<void> {
  const hints = o.world.hints(o.limits.maxBodyCodePoints);
  let connection = await connect(o);
  const open = async () => {
    if (!connection.closed) return connection;
    o.stats.reconnects++;
    return (connection = await connect(o));
  };
  for (let sent = 0; sent < o.frames && !o.shouldStop(); ) {
    const shot = nextShot(o.rng, hints, o.limits);
    if (shot.kind === "pipelined") {
      const expected = expectationOf(shot.wire);
      if (connection.collides(expected)) await settle(connection, o);
      (await open()).send(shot.wire, expected);
      o.stats.sent(shot.wire.label);
      sent++;
      // Room for more once half the window is answered: the socket always has work queued.
      if (connection.outstanding() >= o.window) await settle(connection, o, o.window / 2);
      continue;
    }
    // Alone, on a connection whose earlier frames are all answered, so the close is its own.
    await settle(connection, o);
    await open();
    if (shot.kind === "closing") connection.sendClosing(shot.wire, shot.closes);
    else for (const wire of shot.wires) connection.send(wire);
    for (const wire of shot.kind === "closing" ? [shot.wire] : shot.wires) o.stats.sent(wire.label);
    sent += shot.kind === "closing" ? 1 : shot.wires.length;
    await settle(connection, o);
  }
  await settle(connection, o);
  connection.terminate();
}

/** Wait until at most `atMost` frames are unanswered; past the timeout the rest are reported and the connection dropped. */
async function settle(connection: FuzzConnection, o: FuzzOptions, atMost = 0): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), o.answerTimeoutMs)));
  const outcome = await Promise.race([connection.settled(atMost), timeout]);
  clearTimeout(timer);
  if (outcome !== "timeout") return;
  const left = connection.unanswered();
  o.stats.problem(`${left.length} frames got no answer within ${o.answerTimeoutMs} ms, first: ${left.slice(0, 3).join(" | ")}`);
  connection.terminate();
  await connection.settled();
}

/** A new socket; retried briefly, since the server may still be closing the previous one. */
async function connect(o: FuzzOptions): Promise<FuzzConnection> {
  return waitFor(() => FuzzConnection.open(o.port, o.token, o.stats, o.world), { timeoutMs: 10_000, intervalMs: 100 });
}
