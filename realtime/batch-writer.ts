import type { Db } from "../db/client";
import type { WrittenMessage } from "../db/queries/message-batch";
import type { ChangeResult } from "../db/queries/message-writes";
import { ChatError } from "../protocol";
import { BatchLane, type LaneOptions } from "./batch-lane";
import type { SendRequest } from "./send-batch";

type Options = LaneOptions & { lanes: number };

/**
 * The sidecar's message writer: several lanes, each a batch writer with one
 * transaction in flight, and every room always in the same lane. Rooms in
 * different lanes commit in parallel (more than one batch in flight); a
 * room's own sends stay in one serial lane, so they take seqs in the order
 * they arrived and nothing overtakes, and its edits, deletes and reactions
 * go through the same lane, so this sidecar publishes them all in seq order.
 * The room row lock still orders writers of other sidecars. Each commit is
 * handed to the fan-out (RoomFanout.publishCommitted) before its acks.
 */
export class BatchWriter {
  private lanes: BatchLane[];
  private closed = false;

  constructor(db: Db, options: Options) {
    this.lanes = Array.from({ length: options.lanes }, () => new BatchLane(db, options));
  }

  enqueue(request: SendRequest): Promise<WrittenMessage | null> {
    if (this.closed) return Promise.reject(new ChatError("internal", "server is shutting down; send again"));
    return this.lanes[laneOf(request.roomId, this.lanes.length)]!.enqueue(request);
  }

  /** A change to one of the room's messages, in the room's lane: published in seq order with its sends. */
  change(roomId: string, write: () => Promise<ChangeResult>): Promise<ChangeResult> {
    if (this.closed) return Promise.reject(new ChatError("internal", "server is shutting down; try again"));
    return this.lanes[laneOf(roomId, this.lanes.length)]!.change(roomId, write);
  }

  /** Write everything queued so far and wait for it. */
  async flush(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.flush()));
  }

  /** Refuse new sends, then flush. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}

/** Room ids are random UUIDs: their last 8 hex digits spread rooms evenly. */
export function laneOf(roomId: string, lanes: number): number {
  return (Number.parseInt(roomId.slice(-8), 16) || 0) % lanes;
}
