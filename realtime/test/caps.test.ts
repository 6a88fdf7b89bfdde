import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getMessagesBefore } from "../../db/queries/messages";
import { memberships, reactions } from "../../db/schema";
import type { ServerFrame } from "../../protocol";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

/* Distinct reactions per message and rooms per socket are capped. */
const maxReactions = 3;
const maxRooms = 2;
let stack: Stack;
let owner: TestUser;

before(async () => {
  stack = await startStack({ limits: { maxReactionsPerMessage: maxReactions, maxRoomsPerSocket: maxRooms } });
  owner = await makeUser(stack, "owner");
});
afterEach(closeClients);
after(() => stopStack(stack));

const react = (client: TestClient, room: string, id: string, emoji: string, on = true) =>
  client.request({ type: "react", room, id, emoji, on });

const codeOf = (frame: ServerFrame) => (frame.type === "error" ? frame.code : frame.type);

async function storedEmoji(messageId: string): Promise<string[]> {
  const rows = await stack.db.db.select({ emoji: reactions.emoji }).from(reactions).where(eq(reactions.messageId, Number(messageId)));
  return [...new Set(rows.map((r) => r.emoji))].sort();
}

async function messageWithReactors(names: string[]) {
  const room = await makeRoom(stack, owner);
  const author = await TestClient.connect(stack.port, owner);
  const sent = await author.sendMessage(room.id, "react here");
  const users = await Promise.all(names.map((name) => makeUser(stack, name)));
  const clients = await Promise.all(users.map((u) => TestClient.connect(stack.port, u)));
  return { room: room.id, id: sent.id, author, clients };
}

test("a new distinct emoji over the cap is refused (rate_limited); joining an existing one is fine", async () => {
  const { room, id, author, clients } = await messageWithReactors(["ann", "bob"]);
  const [ann, bob] = clients as [TestClient, TestClient];
  for (const emoji of ["👍", "❤️", "🎉"]) assert.equal(codeOf(await react(ann, room, id, emoji)), "ack");
  assert.equal(codeOf(await react(ann, room, id, "😀")), "rate_limited");
  assert.equal(codeOf(await react(bob, room, id, "🇫🇷")), "rate_limited");
  assert.equal(codeOf(await react(bob, room, id, "👍")), "ack", "adding yourself to an emoji already there");
  assert.deepEqual(await storedEmoji(id), ["❤️", "🎉", "👍"].sort());
  // Taking one off makes room for another.
  assert.equal(codeOf(await react(ann, room, id, "🎉", false)), "ack");
  assert.equal(codeOf(await react(bob, room, id, "😀")), "ack");
  assert.deepEqual(await storedEmoji(id), ["❤️", "👍", "😀"].sort());
  for (const c of [author, ...clients]) c.close();
});

test("concurrent adds from two sockets never pass the cap", async () => {
  const { room, id, author, clients } = await messageWithReactors(["cat", "dan"]);
  const [cat, dan] = clients as [TestClient, TestClient];
  assert.equal(codeOf(await react(cat, room, id, "👍")), "ack");
  const catTries = ["😀", "🚀", "🔥", "🌟"].map((emoji) => react(cat, room, id, emoji));
  const danTries = ["🎈", "🍕", "🌈", "🐙"].map((emoji) => react(dan, room, id, emoji));
  const answers = (await Promise.all([...catTries, ...danTries])).map(codeOf);
  assert.equal(answers.filter((c) => c === "ack").length, maxReactions - 1);
  assert.equal(answers.filter((c) => c === "rate_limited").length, 8 - (maxReactions - 1));
  assert.equal((await storedEmoji(id)).length, maxReactions);
  for (const c of [author, ...clients]) c.close();
});

test("reactions stored before they had to be emoji never reach a client as object keys", async () => {
  const { room, id, author } = await messageWithReactors([]);
  const rows = ["__proto__", "constructor", "a", "👍"].map((emoji) => ({ messageId: Number(id), userId: owner.id, emoji }));
  await stack.db.db.insert(reactions).values(rows);
  const [message] = (await getMessagesBefore(stack.db.db, { roomId: room })).messages;
  assert.deepEqual(Object.keys(message!.reactions), ["👍"]);
  assert.equal(Object.getPrototypeOf(message!.reactions), Object.prototype);
  assert.equal(JSON.stringify(message!.reactions), '{"👍":["owner"]}');
  author.close();
});

test("subscriptions per socket are capped; the one over gets rate_limited and is not joined", async () => {
  const user = await makeUser(stack, "eve");
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => makeRoom(stack, owner)));
  const client = await TestClient.connect(stack.port, user);
  await client.subscribe(a!.id);
  await client.subscribe(b!.id);
  client.send({ type: "subscribe", room: c!.id });
  assert.equal((await client.next("error", (f) => f.ref === c!.id)).code, "rate_limited");
  const joined = await stack.db.db.select().from(memberships).where(and(eq(memberships.roomId, c!.id), eq(memberships.userId, user.id)));
  assert.equal(joined.length, 0, "the refused subscribe joined nothing");
  // Subscribing again to a room it holds is fine; the cap is per socket; leaving one makes room.
  client.send({ type: "subscribe", room: a!.id, since: 0 });
  await client.next("subscribed", (f) => f.room === a!.id && client.all("subscribed", (g) => g.room === a!.id).length === 2);
  const second = await TestClient.connect(stack.port, user);
  await second.subscribe(c!.id);
  client.send({ type: "unsubscribe", room: b!.id });
  await client.next("unsubscribed", (f) => f.room === b!.id);
  await client.subscribe(c!.id);
  for (const s of [client, second]) s.close();
});
