import type { Broker } from "./broker/broker";
import type { RoomCursors } from "./room-cursors";

type Intervals = { sweepMs: number; pollMs: number };

/**
 * Reads rooms.last_seq of every watched room now and then (one query): slowly
 * while the broker is up (a lost last change shows no gap), every pollMs while
 * it is down (the database is then the only path between sidecars), and at
 * once when it comes back.
 */
export function startRoomSweeper(cursors: RoomCursors, broker: Broker, intervals: Intervals): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;

  const next = () => {
    if (stopped) return;
    clearTimeout(timer);
    // A reconnect during a sweep: that sweep may have read before it, so go again at once.
    const delay = again ? 0 : broker.state === "down" ? intervals.pollMs : intervals.sweepMs;
    again = false;
    timer = setTimeout(sweep, delay);
    timer.unref();
  };
  const sweep = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = cursors.initialise().finally(() => {
      running = null;
      next();
    });
  };

  broker.onStateChange((state) => {
    if (state === "up") sweep();
    else next();
  });
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
