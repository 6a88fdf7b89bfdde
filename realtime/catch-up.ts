type Buffered = { seq: number; frame: string };

/** How much a catch-up may hold, and what to do with its socket past it (close 4009). */
export type CatchUpLimit = { maxBytes: number; onOverflow: () => void };

/**
 * A socket between "read lastSeq" and "joined the topic" is catching up: every
 * message frame published for its room meanwhile is kept here, so nothing can
 * fall between the replay and the live stream. Only up to maxBytes: a socket
 * whose replay stalls while the room is busy would hold the room's whole
 * traffic. Past it the catch-up is cancelled and onOverflow closes the socket
 * 4009; the client resubscribes with since and loses nothing.
 */
export class CatchUp {
  readonly buffer: Buffered[] = [];
  private bytes = 0;
  cancelled = false;
  constructor(
    readonly roomId: string,
    private limit: CatchUpLimit,
  ) {}

  hold(seq: number, frame: string): void {
    if (this.cancelled) return;
    this.bytes += frame.length;
    if (this.bytes <= this.limit.maxBytes) return void this.buffer.push({ seq, frame });
    this.cancel();
    this.limit.onOverflow();
  }

  cancel(): void {
    this.cancelled = true;
    this.buffer.length = 0;
  }
}
