import { Counter } from "prom-client";
import type { RoomCursorOptions } from "../room-cursors";
import { sidecarRegistry } from "./registry";

/*
 * Catch-up fills: the reads of RoomCursors (room-cursors.ts) that fill a hole
 * the broker left from the database, and the changes they delivered. Counted
 * by wrapping its options where the cluster builds it, not inside it.
 */
const fills = new Counter({
  name: "chat_catchup_fills_total",
  help: "Database reads that filled a gap in a room's changes (a lost or late broker frame), one per page read.",
  registers: [sidecarRegistry],
});

const filled = new Counter({
  name: "chat_catchup_filled_changes_total",
  help: "Changes delivered to local subscribers from the database by catch-up fills (none had arrived through the broker).",
  registers: [sidecarRegistry],
});

export function countCatchUpFills(options: RoomCursorOptions): RoomCursorOptions {
  return {
    ...options,
    readChanges: (roomId, after) => {
      fills.inc();
      return options.readChanges(roomId, after);
    },
    deliver: (roomId, seq, frame) => {
      filled.inc();
      options.deliver(roomId, seq, frame);
    },
  };
}
