import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { and, eq } from "drizzle-orm";
import { insertMessageBatch } from "../../db/queries/message-batch";
import { createRoom } from "../../db/queries/rooms";
import { createUser } from "../../db/queries/users";
import { memberships, messages, rooms } from "../../db/schema";
import { secret, testConfig, TestClient } from "../../realtime/test/helpers";
import { startSidecar, type Sidecar } from "../../realtime/server";
import { createTestDatabase } from "../db";
import { startWeb } from "../support/web";
import { mintSessionToken } from "../support/tokens";
import { WebClient } from "../web-client";

/*
 * The world the authorisation matrix runs in: ONE database shared by the
 * built web app and a real sidecar, four signed-in people and a fifth to be
 * added as a member. Every cell gets a room and a message of its own
 * (target()), so no cell sees what another cell changed.
 */
export const actors = ["anonymous", "nonMember", "member", "author", "owner"] as const;
export type Actor = (typeof actors)[number];
export type SignedIn = Exclude<Actor, "anonymous">;
/** unknown: a random uuid; malformed: not an id at all. Both must look exactly like a room one may not see. */
export const kinds = ["public", "private", "dm", "unknown", "malformed"] as const;
export type Kind = (typeof kinds)[number];
export const malformedId = "not-a-room";
export const addedUsername = "mx_target";
const password = "password-123";

export type Person = { id: string; username: string; http: WebClient; socket: TestClient };
/** messageId: the cell's own message; foreignMessageId: one in another (private) room, for cross-room attempts. */
export type Target = { roomId: string; messageId: string; foreignMessageId: string };
/** What a refused request must leave as it was. */
export type Snapshot = { nonMemberIn: boolean; addedIn: boolean; authorIn: boolean; lastSeq: number | null; message: string | null; foreign: string | null };

export type World = Awaited<ReturnType<typeof startWorld>>;

export async function startWorld() {
  const database = await createTestDatabase("chat_authz");
  const hash = await bcrypt.hash(password, 4);
  // Send limits are not what this test is about; every other limit is left at its default.
  const sidecar: Sidecar = await startSidecar(testConfig(database.url, { limits: { sendRateLimit: 10_000, typingIntervalMs: 0 } }));
  const web = await startWeb({ databaseUrl: database.url, secret, env: { BCRYPT_COST: "4", ROOM_ADMIN_RATE_LIMIT: "100000" } });
  const browserLike = { origin: web.base, "sec-fetch-site": "same-origin" };

  async function person(username: string): Promise<Person> {
    const user = await createUser(database.db, { username, passwordHash: hash });
    if (!user) throw new Error(`could not create ${username}`);
    const http = new WebClient(web.base, browserLike);
    await http.signIn(username, password);
    if (!http.signedIn) throw new Error(`${username} could not sign in`);
    const token = await mintSessionToken(user, { secret });
    const socket = await TestClient.connect(sidecar.port, { id: user.id, username, token });
    return { id: user.id, username, http, socket };
  }
  const people: Record<SignedIn, Person> = {
    owner: await person("mx_owner"),
    member: await person("mx_member"),
    author: await person("mx_author"),
    nonMember: await person("mx_outsider"),
  };
  const added = await createUser(database.db, { username: addedUsername, passwordHash: hash });
  const dm = (await (await people.author.http.request("/api/dm", { method: "POST", json: { username: "mx_member" } })).json()) as { id: string };

  async function message(roomId: string): Promise<string> {
    const [written] = await insertMessageBatch(database.db, [{ roomId, authorId: people.author.id, clientMsgId: randomUUID(), body: "original" }]);
    return String(written!.id);
  }
  async function room(kind: "public" | "private", name: string): Promise<string> {
    const created = await createRoom(database.db, { name, kind, ownerId: people.owner.id });
    await database.db.insert(memberships).values([people.member, people.author].map((p) => ({ roomId: created.id, userId: p.id })));
    return created.id;
  }
  // A message nobody but its private room's members may touch: the message id the unknown and malformed rooms are asked about.
  const hiddenMessage = await message(await room("private", "0-hidden"));

  /** A fresh room of this kind (the one DM of author and member for dm) with a fresh message by the author. */
  async function target(kind: Kind, name: string): Promise<Target> {
    const foreignMessageId = hiddenMessage;
    if (kind === "unknown") return { roomId: randomUUID(), messageId: hiddenMessage, foreignMessageId };
    if (kind === "malformed") return { roomId: malformedId, messageId: hiddenMessage, foreignMessageId };
    const roomId = kind === "dm" ? dm.id : await room(kind, name);
    return { roomId, messageId: await message(roomId), foreignMessageId };
  }

  async function isMember(roomId: string, userId: string): Promise<boolean> {
    const rows = await database.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)));
    return rows.length > 0;
  }

  async function messageState(id: string): Promise<string | null> {
    const [row] = await database.db.select().from(messages).where(eq(messages.id, Number(id)));
    return row ? JSON.stringify([row.body, row.versionSeq, row.deletedAt, row.editedAt]) : null;
  }

  async function snapshot({ roomId, messageId, foreignMessageId }: Target): Promise<Snapshot | null> {
    if (roomId === malformedId) return null;
    const [roomRow] = await database.db.select({ lastSeq: rooms.lastSeq }).from(rooms).where(eq(rooms.id, roomId));
    return {
      nonMemberIn: await isMember(roomId, people.nonMember.id),
      addedIn: await isMember(roomId, added!.id),
      authorIn: await isMember(roomId, people.author.id),
      lastSeq: roomRow ? Number(roomRow.lastSeq) : null,
      message: await messageState(messageId),
      foreign: await messageState(foreignMessageId),
    };
  }

  async function stop(): Promise<void> {
    for (const p of Object.values(people)) p.socket.close();
    await web.stop();
    await sidecar.stop();
    await database.drop();
  }

  return { web, sidecar, people, browserLike, target, snapshot, isMember, stop };
}
