/**
 * What deserves a browser notification: a new message by someone else that
 * mentions the user, or any new message by someone else in a DM. Only live
 * ones: past what the shell had seen of the room (its snapshot and every
 * change since) and past the replay that follows a `subscribed` (a catch-up
 * after a reconnect brings old news); at most one per message. Whether the
 * tab is hidden and the permission granted is the caller's business
 * (components/shell/mention-notifier.tsx).
 */
import type { ServerFrameOf } from "../../protocol/index";
import { mentionsUser } from "../mentions/mentions";
import type { UnreadState } from "./unread";
import { Listeners } from "./wire";

export type Notice = { readonly room: string; readonly seq: number; readonly id: string; readonly title: string; readonly body: string };

const maxBody = 160;

/** The notice a message frame deserves, given the counts before it; null for none. */
export function noticeFor(state: UnreadState, frame: ServerFrameOf<"message">, replayedUpTo: number | undefined): Notice | null {
  const r = state.rooms.get(frame.room);
  const m = frame.message;
  if (!r || replayedUpTo === undefined || frame.seq <= replayedUpTo || frame.seq <= r.seen) return null;
  if (m.seq !== frame.seq || m.deleted || m.author.id === state.me) return null; // an edit, a tombstone, my own
  const dm = r.room.kind === "dm";
  if (!dm && !mentionsUser(m.body, state.username)) return null;
  const title = dm ? `${m.author.username} (direct message)` : `${m.author.username} mentioned you in ${r.room.name}`;
  const body = [...m.body].length > maxBody ? `${[...m.body].slice(0, maxBody - 1).join("")}…` : m.body;
  return { room: frame.room, seq: m.seq, id: m.id, title, body };
}

/** Per socket: where each room's replay ends; the messages already announced. */
export class MentionNotices {
  private readonly replayedUpTo = new Map<string, number>();
  private readonly announced = new Set<string>();
  private readonly listeners = new Listeners<Notice>();

  onNotice = (listener: (notice: Notice) => void): (() => void) => this.listeners.add(listener);

  subscribed(frame: ServerFrameOf<"subscribed">): void {
    this.replayedUpTo.set(frame.room, frame.lastSeq);
  }

  /** A message frame, before the counts take it in. */
  heard(state: UnreadState, frame: ServerFrameOf<"message">): void {
    const notice = noticeFor(state, frame, this.replayedUpTo.get(frame.room));
    if (!notice || this.announced.has(notice.id)) return;
    this.announced.add(notice.id);
    this.listeners.emit(notice);
  }
}
