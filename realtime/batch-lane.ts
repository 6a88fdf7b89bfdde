import type { Logger } from "pino";
import type { Db } from "../db/client";
import type { WrittenMessage } from "../db/queries/message-batch";
import type { ChangeResult } from "../db/queries/message-writes";
import { writeSendBatch, type CommitPublisher, type QueuedSend, type SendRequest } from "./send-batch";

export type LaneOptions = {
  maxMessages: number;
  /** How long an idle lane waits for more sends before writing; 0: until the end of the event-loop turn. */
  windowMs: number;
  /** Told each room's changes right after their commit, in seq order, before any ack goes out. */
  fanout: CommitPublisher;
  log: Logger;
};

type Timer = { kind: "timeout"; handle: NodeJS.Timeout } | { kind: "immediate"; handle: NodeJS.Immediate };

/**
 * A change to a message (edit, delete, reaction): its own transaction, run in
 * the lane's order between batches and published right after its commit,
 * before the lane writes anything else.
 */
type QueuedChange = {
  roomId: string;
  write: () => Promise<ChangeResult>;
  resolve: (result: ChangeResult) => void;
  reject: (e: unknown) => void;
};
type Queued = QueuedSend | QueuedChange;

/**
 * Writes queued sends in batches of up to maxMessages, each in ONE statement
 * (send-batch.ts). One batch at a time: while it commits, the next one fills
 * up (group commit), so a busy lane writes big batches and an idle one writes
 * at once (after windowMs), and a room's messages take seqs in the order they
 * arrived and are published in commit order. A promise resolves only after
 * commit.
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

  change(roomId: string, write: () => Promise<ChangeResult>): Promise<ChangeResult> {
    return new Promise((resolve, reject) => this.queue({ roomId, write, resolve, reject }));
  }

  /** Write everything queued so far and wait for it. */
  async flush(): Promise<void> {
    while (this.running || this.pending.length > 0) {
      this.kick();
      await this.running;
    }
  }

  private queue(item: Queued): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxMessages) this.kick();
    else if (!this.running) this.timer ??= this.startTimer();
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
    if ("write" in head) return this.runChange(this.pending.shift() as QueuedChange);
    const firstChange = this.pending.findIndex((item) => "write" in item);
    const size = Math.min(this.options.maxMessages, firstChange === -1 ? this.pending.length : firstChange);
    return writeSendBatch(this.db, this.options, this.pending.splice(0, size) as QueuedSend[]);
  }

  private async runChange({ roomId, write, resolve, reject }: QueuedChange): Promise<void> {
    try {
      const result = await write();
      if (result.kind === "changed") this.options.fanout.publishCommitted(roomId, [result.message]);
      resolve(result);
    } catch (error) {
      reject(error);
    }
  }
}
