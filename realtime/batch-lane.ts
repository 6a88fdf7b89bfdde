import type { Logger } from "pino";
import type { Db } from "../db/client";
import { insertMessageBatch, type WrittenMessage } from "../db/queries/message-batch";
import { rowContentError } from "../db/row-errors";
import { ChatError, type ChatMessage, type UserRef } from "../protocol";

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

export type LaneOptions = {
  maxMessages: number;
  /** How long an idle lane waits for more sends before writing; 0: until the end of the event-loop turn. */
  windowMs: number;
  /** Called after commit with each room's new messages, in seq order, before any ack goes out. */
  onStored: (roomId: string, messages: ChatMessage[]) => void;
  log: Logger;
};

type Timer = { kind: "timeout"; handle: NodeJS.Timeout } | { kind: "immediate"; handle: NodeJS.Immediate };

/** Resolves with where the send was written, or null if it was not admitted. */
type Waiting = { request: SendRequest; resolve: (w: WrittenMessage | null) => void; reject: (e: Error) => void };

/**
 * A change to a message (edit, delete, reaction): its own transaction, run in
 * the lane's order between batches; `published` is called right after its
 * commit, before the lane writes anything else.
 */
export type ChangeJob<T> = { write: () => Promise<T>; published: (result: T) => void };
type QueuedChange = { change: ChangeJob<unknown>; resolve: (result: unknown) => void; reject: (e: unknown) => void };
type Queued = Waiting | QueuedChange;

/**
 * Writes queued sends in batches of up to maxMessages, each in ONE statement
 * (insertMessageBatch). One batch at a time: while it commits, the next one
 * fills up (group commit), so a busy lane writes big batches and an idle one
 * writes at once (after windowMs), and a room's messages take seqs in the
 * order they arrived and are published in commit order. A promise resolves
 * only after commit. A batch PostgreSQL refuses for one row's content is
 * split until only that row fails; every other send in it is still written.
 *
 * Changes to a room's messages go through the same lane, one at a time: each
 * commits on its own connection, and were they written side by side, Node
 * could read their COMMITs (and publish them) out of seq order.
 */
export class BatchLane {
  private pending: Queued[] = [];
  private timer: Timer | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private db: Db,
    private options: LaneOptions,
  ) {}

  enqueue(request: SendRequest): Promise<WrittenMessage | null> {
    return new Promise((resolve, reject) => this.queue({ request, resolve, reject }));
  }

  change<T>(change: ChangeJob<T>): Promise<T> {
    return new Promise((resolve, reject) => this.queue({ change: change as ChangeJob<unknown>, resolve: resolve as (r: unknown) => void, reject }));
  }

  private queue(item: Queued): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxMessages) this.kick();
    else if (!this.running) this.timer ??= this.startTimer();
  }

  /** Write everything queued so far and wait for it. */
  async flush(): Promise<void> {
    while (this.running || this.pending.length > 0) {
      this.kick();
      await this.running;
    }
  }

  private startTimer(): Timer {
    const kick = () => this.kick();
    return this.options.windowMs > 0
      ? { kind: "timeout", handle: setTimeout(kick, this.options.windowMs) }
      : { kind: "immediate", handle: setImmediate(kick) };
  }

  private kick(): void {
    if (this.timer?.kind === "timeout") clearTimeout(this.timer.handle);
    if (this.timer?.kind === "immediate") clearImmediate(this.timer.handle);
    this.timer = null;
    if (this.running || this.pending.length === 0) return;
    this.running = this.next().finally(() => {
      this.running = null;
      // Whatever queued up meanwhile has waited a whole transaction already.
      if (this.pending.length > 0) this.kick();
    });
  }

  /** The change at the head of the queue, or the sends before the next change (at most maxMessages). */
  private next(): Promise<void> {
    const head = this.pending[0]!;
    if ("change" in head) return this.runChange(this.pending.shift() as QueuedChange);
    const firstChange = this.pending.findIndex((item) => "change" in item);
    const size = Math.min(this.options.maxMessages, firstChange === -1 ? this.pending.length : firstChange);
    return this.write(this.pending.splice(0, size) as Waiting[]);
  }

  private async runChange({ change, resolve, reject }: QueuedChange): Promise<void> {
    try {
      const result = await change.write();
      change.published(result);
      resolve(result);
    } catch (error) {
      reject(error);
    }
  }

  private async write(queued: Waiting[]): Promise<void> {
    const admitted = await Promise.all(queued.map((w) => w.request.admitted.catch(() => false)));
    const batch: Waiting[] = [];
    queued.forEach((w, i) => (admitted[i] ? batch.push(w) : w.resolve(null)));
    if (batch.length > 0) await this.commit(batch);
  }

  /**
   * The batch in one statement: the happy path, nothing else. Only when
   * PostgreSQL refuses a row's content (row-errors.ts) is it split, by
   * isolate. False when a failure that is no row's fault stopped it: every
   * send not committed was then rejected, to be resent.
   */
  private async commit(batch: Waiting[]): Promise<boolean> {
    let results: (WrittenMessage | null)[];
    try {
      results = await insertMessageBatch(this.db, batch.map(toNewMessage));
    } catch (error) {
      return this.isolate(batch, error);
    }
    this.settle(batch, results);
    return true;
  }

  /**
   * One refused row must not fail the others: write the halves one after the
   * other (so a room's seqs keep the batch's order), down to the single row
   * that is refused. A batch with one bad row costs about 2·log2(n) statements.
   */
  private async isolate(batch: Waiting[], error: unknown): Promise<boolean> {
    const cause = rowContentError(error);
    if (!cause) {
      this.options.log.error({ err: error, size: batch.length }, "message batch failed");
      // The clients resend with the same clientMsgIds; nothing of this batch was stored.
      rejectAll(batch, new ChatError("internal", "message not stored; send again"));
      return false;
    }
    if (batch.length === 1) {
      const { author, clientMsgId } = batch[0]!.request;
      this.options.log.warn({ err: error, user: author.id, clientMsgId }, "message refused by the database");
      batch[0]!.reject(
        cause === "data" ? new ChatError("bad_request", "message cannot be stored") : new ChatError("internal", "message not stored"),
      );
      return true;
    }
    const half = Math.ceil(batch.length / 2);
    const rest = batch.slice(half);
    if (await this.commit(batch.slice(0, half))) return this.commit(rest);
    // Not written after what failed, or a sender's resends would land behind their later messages.
    rejectAll(rest, new ChatError("internal", "message not stored; send again"));
    return false;
  }

  /** After commit: each room's new messages to onStored in seq order, then every ack. */
  private settle(batch: Waiting[], results: (WrittenMessage | null)[]): void {
    const stored = new Map<string, ChatMessage[]>();
    batch.forEach((w, i) => {
      const written = results[i];
      if (!written || written.duplicate) return;
      const room = stored.get(written.roomId) ?? [];
      if (room.length === 0) stored.set(written.roomId, room);
      room.push(toChatMessage(w.request, written));
    });
    for (const [roomId, messages] of stored) this.options.onStored(roomId, messages);
    batch.forEach((w, i) => {
      const written = results[i];
      if (written) w.resolve(written);
      else w.reject(new ChatError("not_found", "room not found"));
    });
  }
}

const rejectAll = (batch: Waiting[], error: ChatError) => batch.forEach((w) => w.reject(error));

function toNewMessage({ request }: Waiting) {
  const { roomId, author, clientMsgId, body } = request;
  return { roomId, authorId: author.id, clientMsgId, body };
}

/** The message object of a fresh row, built from what we already hold: no extra query. */
function toChatMessage(request: SendRequest, written: WrittenMessage): ChatMessage {
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
