import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { insertMessageBatch } from "../db/queries/message-batch";
import { deleteMessage, editMessage } from "../db/queries/message-writes";
import { createRoom, getOrCreateDm, getRoomAccess } from "../db/queries/rooms";
import { searchMessagesForUser, type SearchHit } from "../db/queries/search";
import { createUser } from "../db/queries/users";
import { memberships } from "../db/schema";
import { createTestDatabase, type TestDatabase } from "./db";

/*
 * Search on a real PostgreSQL finds what the user may read (public rooms never joined too, as
 * GET /api/rooms/{id}/messages allows) and NOTHING else, whatever they type: not another's
 * private room, not a DM of two others, not a room they were removed from, not a deleted message.
 */
let t: TestDatabase;
type Person = { id: string; username: string };
let ann: Person, ben: Person, cat: Person;
const rooms: Record<"lobby" | "annBen" | "catOnly" | "dmAnnCat" | "dmBenCat", string> = {} as never;

before(async () => {
  t = await createTestDatabase("chat_search");
  const person = async (username: string) => (await createUser(t.db, { username, passwordHash: "x" }))!;
  [ann, ben, cat] = [await person("ann"), await person("ben"), await person("cat")];
  rooms.lobby = (await createRoom(t.db, { name: "lobby", kind: "public", ownerId: ann.id })).id;
  rooms.annBen = (await createRoom(t.db, { name: "ann-ben", kind: "private", ownerId: ann.id })).id;
  await t.db.insert(memberships).values({ roomId: rooms.annBen, userId: ben.id });
  rooms.catOnly = (await createRoom(t.db, { name: "cat-only", kind: "private", ownerId: cat.id })).id;
  rooms.dmAnnCat = (await getOrCreateDm(t.db, ann, cat)).id;
  rooms.dmBenCat = (await getOrCreateDm(t.db, ben, cat)).id;
  for (const [name, roomId] of Object.entries(rooms)) await send(roomId, name === "lobby" || name === "annBen" ? ann : cat, `zebra sighting in ${name}`);
});
after(() => t?.drop());

async function send(roomId: string, author: Person, body: string): Promise<number> {
  const [written] = await insertMessageBatch(t.db, [{ roomId, authorId: author.id, clientMsgId: randomUUID(), body }]);
  return written!.id;
}
const search = (who: Person, q: string, extra: { before?: number; limit?: number } = {}) =>
  searchMessagesForUser(t.db, { userId: who.id, q, ...extra });
const roomsOf = (hits: SearchHit[]) => hits.map((h) => h.room.id).sort();
const idsOf = (...keys: (keyof typeof rooms)[]) => keys.map((k) => rooms[k]).sort();
const plain = (hit: SearchHit) => hit.snippet.map((p) => p.text).join("");
const marked = (hit: SearchHit) => hit.snippet.filter((p) => p.hit).map((p) => p.text);

test("finds matches in every room the user can read, and in no other", async () => {
  assert.deepEqual(roomsOf((await search(ben, "zebra")).results), idsOf("lobby", "annBen", "dmBenCat"));
  assert.deepEqual(roomsOf((await search(ann, "zebra")).results), idsOf("lobby", "annBen", "dmAnnCat"));
  assert.deepEqual(roomsOf((await search(cat, "zebra")).results), idsOf("lobby", "catOnly", "dmAnnCat", "dmBenCat"));
  const [hit] = (await search(ben, "zebra lobby")).results;
  assert.deepEqual(hit?.room, { id: rooms.lobby, name: "lobby", kind: "public" });
  assert.deepEqual(hit?.author, { id: ann.id, username: "ann" });
  assert.equal(hit?.seq, 1);
  assert.deepEqual(hit?.snippet, [
    { text: "zebra", hit: true },
    { text: " sighting in ", hit: false },
    { text: "lobby", hit: true },
  ]);
});

test("every result, for any query, is in a room getRoomAccess lets the user read", async () => {
  await send(rooms.catOnly, cat, "secret plans: zebra, yak, deploy");
  await send(rooms.dmAnnCat, cat, "zebra in a DM about deploying");
  for (const q of ["zebra", "z", "secret", "deploy", "plans OR sighting", '"zebra sighting"', "-nothing zebra", "dm", "in"]) {
    for (const who of [ann, ben, cat]) {
      for (const hit of (await search(who, q, { limit: 50 })).results) {
        assert.ok(await getRoomAccess(t.db, hit.room.id, who.id), `${who.username} got "${plain(hit)}" from ${hit.room.name} for ${q}`);
      }
    }
  }
  assert.deepEqual((await search(ben, "secret")).results, []);
  assert.deepEqual((await search(ben, "deploying")).results, []);
});

test("a member removed from a room finds nothing of it any more", async () => {
  await send(rooms.annBen, ann, "quokka party friday");
  assert.equal((await search(ben, "quokka")).results.length, 1);
  await t.db.delete(memberships).where(and(eq(memberships.roomId, rooms.annBen), eq(memberships.userId, ben.id)));
  assert.deepEqual((await search(ben, "quokka")).results, []);
  await t.db.insert(memberships).values({ roomId: rooms.annBen, userId: ben.id });
});

test("deleted messages never match; edits match their new text only", async () => {
  const gone = await send(rooms.lobby, ann, "walrus overboard");
  const edited = await send(rooms.lobby, ann, "narwhal spotted");
  assert.equal((await search(ben, "walrus")).results.length, 1);
  await deleteMessage(t.db, { roomId: rooms.lobby, messageId: gone, actorId: ann.id });
  assert.deepEqual((await search(ben, "walrus")).results, []);
  const [row] = await t.db.execute<{ v: string | null }>(sql`select search_vector::text as v from messages where id = ${gone}`);
  assert.equal(row!.v, null, "a deleted message has no search vector at all");
  await editMessage(t.db, { roomId: rooms.lobby, messageId: edited, actorId: ann.id }, "beluga spotted");
  assert.deepEqual((await search(ben, "narwhal")).results, []);
  const [hit] = (await search(ben, "beluga")).results;
  assert.ok(hit?.editedAt);
});

test("words match by prefix, any case; phrases, or and -word work; odd input is not an error", async () => {
  await send(rooms.lobby, ben, "We DEPLOYED the new build");
  assert.deepEqual(marked((await search(ann, "deploy")).results[0]!), ["DEPLOYED"]);
  assert.equal((await search(ann, '"new build"')).results.length, 1);
  assert.equal((await search(ann, '"build new"')).results.length, 0);
  assert.equal((await search(ann, "deployed -build")).results.length, 0);
  // Any text at all is a query (tsquery syntax in it is only text): a few by hand, 300 strings of its special characters.
  const alphabet = [..."'\"\\:*&|!()<>-_ aZ9é🦓\u00a0.,@#/\uE000\uE002"];
  let seed = 7; // a fixed Lehmer sequence: the same strings every run
  const next = () => (seed = (seed * 48271) % 2147483647) % alphabet.length;
  const fuzz = Array.from({ length: 300 }, (_, i) => Array.from({ length: 1 + (i % 12) }, () => alphabet[next()]).join(""));
  for (const q of ["!!!", "'", "''", "\\", "a:*|b", "(", "&", "<->", "-", "\"", "or", "ünïcödé", "🦓", ...fuzz]) {
    assert.ok(Array.isArray((await search(ann, q)).results), JSON.stringify(q));
  }
});

test("snippets are plain text with marked matches; tags stay text and marks cannot be forged", async () => {
  await send(rooms.lobby, ann, "look: <b>ibis</b> & <script>alert(1)</script> \uE000fake\uE001 mark");
  const [hit] = (await search(ben, "ibis")).results;
  assert.equal(plain(hit!), "look: <b>ibis</b> & <script>alert(1)</script> fake mark");
  assert.deepEqual(marked(hit!), ["ibis"]);
  const long = `${"filler words here ".repeat(200)}the okapi appears ${"and more filler ".repeat(200)}`;
  await send(rooms.lobby, ann, long);
  const [far] = (await search(ben, "okapi")).results;
  assert.ok(plain(far!).length < 300, "a long message gives a short context");
  assert.deepEqual(marked(far!), ["okapi"]);
});

test("newest first, in keyset pages that cover every match once", async () => {
  const ids: number[] = [];
  for (let i = 0; i < 23; i++) ids.push(await send(i % 2 ? rooms.lobby : rooms.annBen, ann, `heron number ${i}`));
  await send(rooms.catOnly, cat, "heron hidden");
  // One batch: its ids follow clientMsgId order, its seqs the order sent; results follow the seqs.
  const batch = ["c", "b", "a"].map((k, i) => ({ roomId: rooms.lobby, authorId: ben.id, clientMsgId: `${k}0000000-0000-4000-8000-000000000000`, body: `heron batch ${i}` }));
  const written = await insertMessageBatch(t.db, batch);
  assert.ok(written[0]!.id > written[2]!.id, "the batch's ids are not in seq order");
  ids.push(...written.map((w) => w!.id));
  const seen: string[] = [];
  let beforeId: number | undefined;
  const sizes: number[] = [];
  do {
    const page = await search(ben, "heron", { before: beforeId, limit: 10 });
    sizes.push(page.results.length);
    seen.push(...page.results.map((h) => h.id));
    beforeId = page.nextBefore === null ? undefined : Number(page.nextBefore);
  } while (beforeId !== undefined);
  assert.deepEqual(sizes, [10, 10, 6]);
  assert.deepEqual(seen, ids.reverse().map(String));
  assert.equal((await search(ben, "heron", { limit: 500 })).results.length, 26, "limit is capped at 50, above 26");
});
