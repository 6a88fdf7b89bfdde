/** The controller's HTTP work: "load older" pages, and catch-up when the socket cannot replay a gap. */
import { fetchChangesAfter, fetchOlder, HistoryError } from "./history";
import type { RoomController } from "./room-controller";
import * as room from "./room-state";

export async function loadOlder(c: RoomController): Promise<void> {
  const before = c.extras.olderBefore;
  if (before === null || c.extras.loadingOlder) return;
  c.setExtras({ loadingOlder: true });
  try {
    const page = await fetchOlder(c.roomId, before, c.fetch);
    c.update(room.mergeOlder(c.state, page.messages));
    c.setExtras({ olderBefore: page.nextBefore, loadingOlder: false });
  } catch (error) {
    c.setExtras({ loadingOlder: false });
    reportHttpError(c, error, "Could not load older messages.");
  }
}

/** `subscribed{recovered:false}`: read every change after the cursor over HTTP, then trust lastSeq. */
export async function catchUpOverHttp(c: RoomController, retryAfterMs = 5000): Promise<void> {
  const target = c.state.catchUp;
  if (!target) return;
  try {
    const messages = await fetchChangesAfter(c.roomId, target.from, c.fetch);
    c.update(room.finishCatchUp(c.state, messages, target.upTo));
    c.scheduleResync(); // live frames past lastSeq may have left a hole meanwhile
  } catch (error) {
    // Drop the plan without moving the cursor: the next subscribe asks again.
    c.update({ ...c.state, catchUp: null });
    reportHttpError(c, error, "Could not load missed messages; retrying.");
    setTimeout(() => c.socket.resubscribe(c.roomId), retryAfterMs);
  }
}

function reportHttpError(c: RoomController, error: unknown, fallback: string): void {
  if (error instanceof HistoryError && error.status === 401) c.setExtras({ closedFor: 4001 });
  else c.setExtras({ roomError: fallback });
}
