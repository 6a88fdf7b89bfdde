import type { Db } from "../db/client";
import { findStoredSends, sendKey } from "../db/queries/message-batch";
import { getChangesBetween } from "../db/queries/messages";
import { accessKey, getRoomAccessMany, getRoomLastSeqs } from "../db/queries/rooms";
import { encodeFrame, messageFrame } from "../protocol";
import type { Change } from "./broker/broker";
import { SameTurnReads } from "./same-turn-reads";

export type StoredRef = { roomId: string; id: number; seq: number };

/** The sidecar's reads that many sockets ask at once, each batched per event-loop turn (same-turn-reads.ts). */
export type RoomReads = {
  /** May the user use the room (the rule in rooms.ts), and is a member already; undefined: not_found. */
  access: (roomId: string, userId: string) => Promise<{ member: boolean } | undefined>;
  /** A membership changed (room-memberships.ts): access reads in flight are read again, as they may predate it. */
  invalidateAccess: () => void;
  /** A room's last_seq (undefined: no such room). */
  lastSeq: (roomId: string) => Promise<number | undefined>;
  /** The changes in (after, upTo], oldest first, as ready-made `message` frames shared by every socket replaying them. */
  changes: (roomId: string, after: number, upTo: number) => Promise<Change[]>;
  /** The message a user already stored under a clientMsgId, if any (a refused send may be a resend). */
  storedSend: (authorId: string, clientMsgId: string) => Promise<StoredRef | undefined>;
};

export function createRoomReads(db: Db): RoomReads {
  const access = new SameTurnReads((keys) => {
    const pairs = keys.map((key) => {
      const [roomId, userId] = key.split("/") as [string, string];
      return { roomId, userId };
    });
    return getRoomAccessMany(db, pairs);
  });
  const lastSeqs = new SameTurnReads((roomIds) => getRoomLastSeqs(db, roomIds));
  const changes = new SameTurnReads<Change[]>(async (keys) => {
    const read = keys.map(async (key) => {
      const [roomId, after, upTo] = JSON.parse(key) as [string, number, number];
      const messages = await getChangesBetween(db, { roomId, after, upTo });
      const frames = messages.map((message) => ({ seq: message.version, frame: encodeFrame(messageFrame(roomId, message)) }));
      return [key, frames] as const;
    });
    return new Map(await Promise.all(read));
  });
  const stored = new SameTurnReads(async (keys) => {
    const refs = keys.map((key) => {
      const [authorId, clientMsgId] = key.split("/") as [string, string];
      return { authorId, clientMsgId };
    });
    const rows = await findStoredSends(db, refs);
    return new Map(rows.map((r) => [sendKey(r.authorId, r.clientMsgId), { roomId: r.roomId, id: r.id, seq: r.seq }]));
  });
  // Bumped by every membership notice; an access read that saw it change is not trusted.
  let epoch = 0;
  const readAccess = async (roomId: string, userId: string) => {
    for (;;) {
      const at = epoch;
      const found = await access.get(accessKey({ roomId, userId }));
      if (at === epoch) return found;
    }
  };
  return {
    access: readAccess,
    invalidateAccess: () => void epoch++,
    lastSeq: (roomId) => lastSeqs.get(roomId),
    changes: async (roomId, after, upTo) => (await changes.get(JSON.stringify([roomId, after, upTo]))) ?? [],
    storedSend: (authorId, clientMsgId) => stored.get(sendKey(authorId, clientMsgId)),
  };
}
