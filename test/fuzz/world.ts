import type { Rng } from "./prng";
import type { Hints } from "./schema-arbitrary";
import { bodyText, emojiText, prototypeKeys } from "./texts";

/**
 * What the fuzzer knows of the server's state, so valid frames name real
 * things: the room the bystanders chat in, a room of the fuzz user's own, a
 * private room it is not in, and message ids seen in acks and broadcasts.
 */
export class World {
  readonly messageIds: string[] = [];
  private sentIds: string[] = [];
  lastSeq = 0;

  constructor(readonly rooms: { chat: string; own: string; private: string }) {}

  noteMessage(id: string, seq: number): void {
    if (this.messageIds.length < 5000) this.messageIds.push(id);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  noteSent(clientMsgId: string): void {
    if (this.sentIds.length < 5000) this.sentIds.push(clientMsgId);
  }

  hints(maxBodyCodePoints: number): Hints {
    return {
      room: (rng) => this.room(rng),
      id: (rng) => this.messageId(rng),
      body: (rng) => bodyText(rng, maxBodyCodePoints),
      emoji: (rng) => emojiText(rng),
      // A resend of an earlier id must be answered like the first (idempotent sends).
      clientMsgId: (rng) => (rng.chance(0.05) && this.sentIds.length ? rng.pick(this.sentIds) : caseOf(rng, rng.uuid())),
      reqId: (rng) => rng.pick(["r", rng.uuid(), `req-${rng.int(1e6)}`, rng.pick(prototypeKeys)]),
      since: (rng) => this.cursor(rng),
      seq: (rng) => this.cursor(rng),
    };
  }

  private room(rng: Rng): string {
    const { chat, own } = this.rooms;
    return rng.weighted<() => string>([
      [50, () => chat],
      [20, () => own],
      [6, () => this.rooms.private],
      [6, () => rng.uuid()],
      // Other spellings of the same UUID: PostgreSQL would accept them, the sidecar must not.
      [6, () => rng.pick([chat.toUpperCase(), `{${chat}}`, chat.replace(/-/g, ""), ` ${chat}`])],
      [4, () => `room-${rng.int(1000)}`],
      [4, () => rng.pick(prototypeKeys)],
    ])();
  }

  private messageId(rng: Rng): string {
    if (this.messageIds.length && rng.chance(0.75)) return rng.pick(this.messageIds);
    return rng.pick(["0", "1", "-1", "01", "1e3", "9007199254740993", "99999999999999999999", " 1", "__proto__", String(rng.int(1e6))]);
  }

  private cursor(rng: Rng): number {
    return rng.weighted<number>([
      [5, Math.max(0, this.lastSeq - rng.int(50))],
      [2, 0],
      [2, this.lastSeq + rng.between(1, 10)],
      [1, 2 ** 31 + rng.int(10)],
      [1, Number.MAX_SAFE_INTEGER],
    ]);
  }
}

function caseOf(rng: Rng, id: string): string {
  return rng.chance(0.05) ? id.toUpperCase() : id;
}
