import type { Logger } from "pino";
import type { Db } from "../db/client";
import { insertMessageBatch, type WrittenMessage } from "../db/queries/message-batch";
import { rowContentError } from "../db/row-errors";
import { ChatError, type ChatMessage, type UserRef } from "../protocol";
import type { RoomFanout } from "./fanout";
import { batchCommit, batchSize } from "./metrics/registry";

export type SendRequest = {
  roomId: string;
  author: UserRef;
  clientMsgId: string;
  body: string;
  /**
   * True once the send may be written (its rate-limit verdict); false drops it
   * unwritten. The lane waits for it only when the batch starts, so the
   * verdict's round trip overlaps the batch in flight.
   */
  admitted: Promise<boolean>;
};

/** A send in a lane's queue: resolves with where it was written, or null if it was not admitted. */
export type QueuedSend = { request: SendRequest; resolve: (w: WrittenMessage | null) => void; reject: (e: Error) => void };

/** Where committed changes go: the fan-out. */
export type CommitPublisher = Pick<RoomFanout, "publishCommitted">;

type Target = { db: Db; fanout: CommitPublisher; log: Logger };

/**
 * One batch of sends: those refused by their rate-limit verdict are answered
 * null, unwritten; the rest are written in ONE statement (insertMessageBatch),
 * published after commit, then answered. A batch PostgreSQL refuses for one
 * row's content is split until only that row fails.
 */
export async function writeSendBatch(db: Db, options: Omit<Target, "db">, queued: QueuedSend[]): Promise<void> {
  const target = { db, fanout: options.fanout, log: options.log };
  const admitted = await Promise.all(queued.map((q) => q.request.admitted.catch(() => false)));
  const batch: QueuedSend[] = [];
  queued.forEach((q, i) => (admitted[i] ? batch.push(q) : q.resolve(null)));
  if (batch.length === 0) return;
  batchSize.observe(batch.length);
  const endTimer = batchCommit.startTimer();
  await commit(target, batch);
  endTimer();
}

/**
 * The batch in one statement: the happy path, nothing else. Only when
 * PostgreSQL refuses a row's content (row-errors.ts) is it split, by
 * isolate. False when a failure that is no row's fault stopped it: every
 * send not committed was then rejected, to be resent.
 */
async function commit(target: Target, batch: QueuedSend[]): Promise<boolean> {
  let results: (WrittenMessage | null)[];
  try {
    results = await insertMessageBatch(target.db, batch.map(({ request }) => toNewMessage(request)));
  } catch (error) {
    return isolate(target, batch, error);
  }
  settle(target, batch, results);
  return true;
}

/**
 * One refused row must not fail the others: write the halves one after the
 * other (so a room's seqs keep the batch's order), down to the single row
 * that is refused. A batch with one bad row costs about 2·log2(n) statements.
 */
async function isolate(target: Target, batch: QueuedSend[], error: unknown): Promise<boolean> {
  const cause = rowContentError(error);
  if (!cause) {
    target.log.error({ err: error, size: batch.length }, "message batch failed");
    // The clients resend with the same clientMsgIds; nothing of this batch was stored.
    rejectAll(batch, new ChatError("internal", "message not stored; send again"));
    return false;
  }
  if (batch.length === 1) {
    const { author, clientMsgId } = batch[0]!.request;
    target.log.warn({ err: error, user: author.id, clientMsgId }, "message refused by the database");
    batch[0]!.reject(
      cause === "data" ? new ChatError("bad_request", "message cannot be stored") : new ChatError("internal", "message not stored"),
    );
    return true;
  }
  const half = Math.ceil(batch.length / 2);
  const rest = batch.slice(half);
  if (await commit(target, batch.slice(0, half))) return commit(target, rest);
  // Not written after what failed, or a sender's resends would land behind their later messages.
  rejectAll(rest, new ChatError("internal", "message not stored; send again"));
  return false;
}

/** After commit: each room's new messages to the fan-out in seq order, then every ack. */
function settle(target: Target, batch: QueuedSend[], results: (WrittenMessage | null)[]): void {
  const stored = new Map<string, ChatMessage[]>();
  batch.forEach(({ request }, i) => {
    const written = results[i];
    if (!written || written.duplicate) return;
    const room = stored.get(written.roomId) ?? [];
    if (room.length === 0) stored.set(written.roomId, room);
    room.push(freshMessage(request, written));
  });
  for (const [roomId, messages] of stored) target.fanout.publishCommitted(roomId, messages);
  batch.forEach((q, i) => {
    const written = results[i];
    if (written) q.resolve(written);
    else q.reject(new ChatError("not_found", "room not found"));
  });
}

const rejectAll = (batch: QueuedSend[], error: ChatError) => batch.forEach((q) => q.reject(error));

function toNewMessage({ roomId, author, clientMsgId, body }: SendRequest) {
  return { roomId, authorId: author.id, clientMsgId, body };
}

/** The message object of a fresh row, built from what we already hold: no extra query. */
function freshMessage(request: SendRequest, written: WrittenMessage): ChatMessage {
  return {
    id: String(written.id),
    seq: written.seq,
    version: written.seq,
    author: request.author,
    body: request.body,
    createdAt: new Date(written.createdAt).toISOString(),
    editedAt: null,
    deleted: false,
    clientMsgId: request.clientMsgId,
    reactions: {},
  };
}
