/** What the message list renders: confirmed messages by seq, then my unconfirmed sends. */
import type { ChatMessage, UserRef } from "../../protocol/index";
import type { OutboxEntry } from "./outbox";
import type { RoomState } from "./room-state";

type SendStatus = "pending" | "sent" | "failed";

export type TimelineItem = {
  /** Stable React key. */
  readonly key: string;
  readonly status: SendStatus;
  /** Null while pending or failed: the server has not given it an id yet. */
  readonly id: string | null;
  readonly seq: number | null;
  readonly author: UserRef;
  readonly body: string;
  readonly createdAt: string;
  readonly edited: boolean;
  readonly deleted: boolean;
  /** Emoji to the usernames who reacted with it. */
  readonly reactions: Readonly<Record<string, readonly string[]>>;
  readonly clientMsgId: string;
  readonly error: string | null;
};

export function timeline(state: Pick<RoomState, "messages" | "outbox" | "me">): TimelineItem[] {
  const confirmed = [...state.messages.values()].sort((a, b) => a.seq - b.seq).map(fromMessage);
  const mine = [...state.outbox].sort((a, b) => a.createdAt - b.createdAt).map((e) => fromEntry(e, state.me));
  return [...confirmed, ...mine];
}

// Same message object → same item object, so memoised rows skip re-rendering.
const itemCache = new WeakMap<ChatMessage, TimelineItem>();

function fromMessage(m: ChatMessage): TimelineItem {
  const cached = itemCache.get(m);
  if (cached) return cached;
  const item: TimelineItem = {
    key: `m:${m.id}`, status: "sent", id: m.id, seq: m.seq, author: m.author,
    body: m.deleted ? "" : m.body, createdAt: m.createdAt, edited: m.editedAt !== null,
    deleted: m.deleted, reactions: m.deleted ? {} : m.reactions, clientMsgId: m.clientMsgId, error: null,
  };
  itemCache.set(m, item);
  return item;
}

function fromEntry(e: OutboxEntry, me: UserRef): TimelineItem {
  return {
    key: `c:${e.clientMsgId}`, status: e.status, id: null, seq: null, author: me, body: e.body,
    createdAt: new Date(e.createdAt).toISOString(), edited: false, deleted: false, reactions: {},
    clientMsgId: e.clientMsgId, error: e.error,
  };
}
