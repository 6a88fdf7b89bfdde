import { completeUpTo, contiguousFrom, encodeFrame, hasSeenSeq, messageFrame, noteSeq, type ChatMessage, type ContiguousSeqs } from "../protocol";

/*
 * The database is the truth, the broker a fast path. For each room with local
 * subscribers this keeps the highest contiguous change seq published locally
 * (protocol/contiguous-seqs.ts). A frame arriving above a hole is delivered at
 * once (clients order by seq); if the hole is still there after a short grace,
 * the missing changes are read from the database and delivered. A periodic
 * sweep of rooms.last_seq catches a lost LAST change, which no later frame
 * would reveal.
 */
type Room = {
  watchers: number;
  /** Subscribed to the broker and cursor read: a subscriber may now read lastSeq safely. */
  ready: Promise<void>;
  /** The seqs delivered here; until rooms.last_seq is read (cursorRead), those that came meanwhile, counted from 0. */
  seqs: ContiguousSeqs;
  cursorRead: boolean;
  /** Highest seq known to exist (a frame, or rooms.last_seq). */
  target: number;
  timer?: NodeJS.Timeout;
  repairing: boolean;
};

export type RoomCursorOptions = {
  /** Wait this long for a missing frame before reading the database (0 while the broker is down). */
  graceMs: () => number;
  listen: (roomId: string) => Promise<void>;
  unlisten: (roomId: string) => void;
  readLastSeqs: (roomIds: string[]) => Promise<Map<string, number>>;
  /** Changes after a seq, oldest first, one page at a time (memory stays bounded after a long outage). */
  readChanges: (roomId: string, after: number) => Promise<{ messages: ChatMessage[]; more: boolean }>;
  /** Publish a recovered frame to local subscribers only. */
  deliver: (roomId: string, seq: number, frame: string) => void;
  onError: (error: unknown) => void;
};

/** After a failed database read, try again this much later. */
const retryMs = 1000;

export class RoomCursors {
  private rooms = new Map<string, Room>();

  constructor(private options: RoomCursorOptions) {}

  /** A local socket wants the room: the first one subscribes to the broker, THEN reads the cursor. */
  watch(roomId: string): Promise<void> {
    const existing = this.rooms.get(roomId);
    if (existing) {
      existing.watchers++;
      return existing.ready;
    }
    const room: Room = { watchers: 1, ready: Promise.resolve(), seqs: contiguousFrom(0), cursorRead: false, target: 0, repairing: false };
    this.rooms.set(roomId, room);
    room.ready = this.options.listen(roomId).then(() => this.initialise([roomId]));
    return room.ready;
  }

  unwatch(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room || --room.watchers > 0) return;
    clearTimeout(room.timer);
    this.rooms.delete(roomId);
    this.options.unlisten(roomId);
  }

  watched(): string[] {
    return [...this.rooms.keys()];
  }

  /** A change frame is about to be delivered locally: false if it already was. */
  accept(roomId: string, seq: number): boolean {
    const room = this.rooms.get(roomId);
    if (!room) return true;
    if (hasSeenSeq(room.seqs, seq)) return false;
    room.seqs = noteSeq(room.seqs, seq);
    this.raiseTarget(roomId, room, seq);
    return true;
  }

  /** Read rooms.last_seq for every watched room in one query; anything above a cursor is missing. */
  async initialise(roomIds: string[] = this.watched()): Promise<void> {
    try {
      const lastSeqs = await this.options.readLastSeqs(roomIds);
      for (const [roomId, lastSeq] of lastSeqs) this.noteLastSeq(roomId, lastSeq);
    } catch (error) {
      // A room left without a cursor is initialised by the next sweep.
      this.options.onError(error);
    }
  }

  close(): void {
    for (const room of this.rooms.values()) clearTimeout(room.timer);
    this.rooms.clear();
  }

  private noteLastSeq(roomId: string, lastSeq: number): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    if (!room.cursorRead) {
      // Everything up to here is in each local subscriber's own replay.
      room.cursorRead = true;
      room.seqs = completeUpTo(room.seqs, lastSeq);
    }
    this.raiseTarget(roomId, room, lastSeq);
  }

  private raiseTarget(roomId: string, room: Room, seq: number): void {
    room.target = Math.max(room.target, seq);
    if (room.cursorRead && room.seqs.value < room.target) this.schedule(roomId, room, this.options.graceMs());
  }

  private schedule(roomId: string, room: Room, delayMs: number): void {
    if (room.timer || room.repairing) return;
    room.timer = setTimeout(() => void this.repair(roomId, room), delayMs);
    room.timer.unref();
  }

  private async repair(roomId: string, room: Room): Promise<void> {
    room.timer = undefined;
    if (this.rooms.get(roomId) !== room || !room.cursorRead || room.seqs.value >= room.target) return;
    room.repairing = true;
    let delay = this.options.graceMs();
    try {
      // A full page: go on with the next one at once.
      if (await this.readPage(roomId, room, room.seqs.value)) delay = 0;
    } catch (error) {
      this.options.onError(error);
      delay = Math.max(delay, retryMs);
    } finally {
      room.repairing = false;
    }
    if (room.seqs.value < room.target) this.schedule(roomId, room, delay);
  }

  /** Deliver one page of changes after the cursor that were not delivered yet; true if there is more. */
  private async readPage(roomId: string, room: Room, after: number): Promise<boolean> {
    const upTo = room.target;
    const page = await this.options.readChanges(roomId, after);
    for (const message of page.messages) {
      if (!this.accept(roomId, message.version)) continue;
      this.options.deliver(roomId, message.version, encodeFrame(messageFrame(roomId, message)));
    }
    // Commits of a room are in seq order, so what was read is everything up to its last version,
    // and the last page is everything up to upTo (skipped and superseded seqs included).
    const readUpTo = page.more ? (page.messages.at(-1)?.version ?? after) : Math.max(upTo, page.messages.at(-1)?.version ?? 0);
    room.seqs = completeUpTo(room.seqs, readUpTo);
    return page.more;
  }
}
