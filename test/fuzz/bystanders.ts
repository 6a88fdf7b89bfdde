import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { messages } from "../../db/schema";
import type { ServerFrameOf } from "../../protocol";
import { TestClient, type TestUser } from "../../realtime/test/helpers";
import { waitFor } from "../wait-for";

/**
 * An ordinary user chatting in the room under fuzz. What the fuzzer does must
 * not reach them: every send acked exactly once, no error, never closed, and
 * every change of the room delivered once, in seq order, ending in the state
 * the database holds.
 */
export class Bystander {
  private sent: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly user: TestUser,
    readonly client: TestClient,
    private roomId: string,
  ) {}

  static async join(port: number, user: TestUser, roomId: string): Promise<Bystander> {
    const client = await TestClient.connect(port, user);
    await client.subscribe(roomId);
    return new Bystander(user, client, roomId);
  }

  startChatting(everyMs: number): void {
    this.timer = setInterval(() => this.say(`${this.user.username} says ${this.sent.length}`), everyMs);
  }

  say(body: string): string {
    const clientMsgId = randomUUID();
    this.sent.push(clientMsgId);
    this.client.send({ type: "send", room: this.roomId, clientMsgId, body });
    return clientMsgId;
  }

  /** Stop sending and disconnect (also when the test failed half-way). */
  leave(): void {
    clearInterval(this.timer);
    this.client.close();
  }

  get sentCount(): number {
    return this.sent.length;
  }

  /** Stop sending and wait until every send has had its answer. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const answered = () => new Set([...this.client.all("ack").map((a) => a.clientMsgId), ...this.client.all("error").map((e) => e.ref)]);
    await waitFor(() => assert.ok(this.sent.every((id) => answered().has(id)) || this.client.closed), { timeoutMs: 60_000, intervalMs: 50 });
  }

  /** What went wrong for this bystander, by kind (empty when nothing did), checked against the database. */
  async problems(db: Db): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const add = (kind: string, text: string) => found.set(kind, [...(found.get(kind) ?? []), text]);
    if (this.client.closed) add("was closed", JSON.stringify(this.client.closed));
    for (const error of this.client.all("error")) add("got an error", JSON.stringify(error));
    const acks = new Map<string, number>();
    for (const ack of this.client.all("ack")) acks.set(ack.clientMsgId ?? "", (acks.get(ack.clientMsgId ?? "") ?? 0) + 1);
    for (const id of this.sent) if (acks.get(id) !== 1) add("send not acked exactly once", `${id} acked ${acks.get(id) ?? 0} times`);
    this.checkDelivery(await roomMessages(db, this.roomId), add);
    return found;
  }

  private checkDelivery(stored: Awaited<ReturnType<typeof roomMessages>>, add: (kind: string, text: string) => void): void {
    const frames = this.client.all("message", (f) => f.room === this.roomId);
    // One sidecar publishes a room's changes in seq order (sends and changes share the room's write lane).
    frames.forEach((f, i) => {
      const before = frames[i - 1];
      if (before && f.seq <= before.seq) add("change out of seq order", `${f.seq} arrived after ${before.seq}: ${describeChange(f)}`);
    });
    const latest = new Map(frames.map((f) => [f.message.id, f.message]));
    const creations = new Map<string, number>();
    for (const f of frames) if (f.seq === f.message.seq) creations.set(f.message.id, (creations.get(f.message.id) ?? 0) + 1);
    for (const m of stored) {
      const created = creations.get(String(m.id)) ?? 0;
      if (created !== 1) add("message not delivered exactly once", `message ${m.id} (seq ${m.seq}) delivered ${created} times`);
      const newest = latest.get(String(m.id));
      // A deleted message is shown with an empty body; the row keeps it.
      const state = { version: m.versionSeq, body: m.deletedAt === null ? m.body : "", deleted: m.deletedAt !== null };
      const shown = newest && { version: newest.version, body: newest.body, deleted: newest.deleted };
      if (JSON.stringify(shown) !== JSON.stringify(state)) add("last state seen differs from the stored one", `message ${m.id}: saw ${JSON.stringify(shown)}, stored ${JSON.stringify(state)}`);
    }
  }
}

function describeChange(f: ServerFrameOf<"message">): string {
  const m = f.message;
  const what = f.seq === m.seq ? "created" : m.deleted ? "deleted" : m.editedAt ? "edited or reacted" : "reacted";
  return `message ${m.id} by ${m.author.username}, ${what}`;
}

function roomMessages(db: Db, roomId: string) {
  return db.select().from(messages).where(eq(messages.roomId, roomId)).orderBy(asc(messages.seq));
}
