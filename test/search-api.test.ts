import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { insertMessageBatch } from "../db/queries/message-batch";
import { createTestDatabase, type TestDatabase } from "./db";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * GET /api/search and the /search page through the real built app: a
 * session is needed, bad queries are 400 before anything runs, each user's
 * searches are limited, the answer has the documented shape and holds only
 * messages of rooms the user may read. (test/search.test.ts covers the query
 * itself in depth.)
 */
let database: TestDatabase;
let web: WebProcess;
const searchLimit = 6;

before(async () => {
  database = await createTestDatabase("chat_search_web");
  const env = { BCRYPT_COST: "4", SIGNUP_RATE_LIMIT: "1000", SEARCH_RATE_LIMIT: String(searchLimit) };
  web = await startWeb({ databaseUrl: database.url, env });
});
after(async () => {
  await web?.stop();
  await database?.drop();
});

type Me = { http: WebClient; id: string };
async function signedUp(username: string): Promise<Me> {
  const http = new WebClient(web.base);
  const created = await http.request("/api/signup", { method: "POST", json: { username, password: "password-123" } });
  assert.equal(created.status, 201);
  await http.signIn(username, "password-123");
  return { http, id: ((await created.json()) as { id: string }).id };
}
async function room(owner: Me, name: string, kind: "public" | "private"): Promise<string> {
  return ((await (await owner.http.request("/api/rooms", { method: "POST", json: { name, kind } })).json()) as { id: string }).id;
}
async function say(roomId: string, author: Me, body: string): Promise<void> {
  await insertMessageBatch(database.db, [{ roomId, authorId: author.id, clientMsgId: randomUUID(), body }]);
}
type Page = { results: { id: string; seq: number; room: { id: string; name: string; kind: string }; author: { username: string }; snippet: { text: string; hit: boolean }[] }[]; nextBefore: string | null };

test("without a session: 401 from the API, the page sends to sign-in", async () => {
  const anonymous = new WebClient(web.base);
  const api = await anonymous.request("/api/search?q=hello");
  assert.equal(api.status, 401);
  assert.deepEqual(await api.json(), { error: "unauthorized" });
  const page = await anonymous.request("/search?q=hello");
  assert.equal(page.status, 307);
  assert.match(page.headers.get("location") ?? "", /^\/signin\?callbackUrl=/);
});

test("results: readable rooms only, newest first, documented shape, keyset pages", async () => {
  const [kim, lea, max] = [await signedUp("kim"), await signedUp("lea"), await signedUp("max")];
  const lobby = await room(kim, "lobby", "public");
  const secret = await room(lea, "secret", "private");
  const dm = ((await (await lea.http.request("/api/dm", { method: "POST", json: { username: "max" } })).json()) as { id: string }).id;
  await say(lobby, kim, "first gecko");
  await say(secret, lea, "gecko in secret");
  await say(dm, max, "gecko in a DM");
  await say(lobby, kim, "second <i>gecko</i>");

  const mine = (await (await kim.http.request("/api/search?q=gecko&limit=1")).json()) as Page;
  assert.equal(mine.results.length, 1);
  const [hit] = mine.results;
  assert.deepEqual({ ...hit!, id: "x", createdAt: "x" }, {
    id: "x", seq: 2, room: { id: lobby, name: "lobby", kind: "public" }, author: { id: kim.id, username: "kim" },
    createdAt: "x", editedAt: null, snippet: [{ text: "second <i>", hit: false }, { text: "gecko", hit: true }, { text: "</i>", hit: false }],
  });
  assert.equal(mine.nextBefore, hit!.id);
  const rest = (await (await kim.http.request(`/api/search?q=gecko&before=${mine.nextBefore}`)).json()) as Page;
  assert.deepEqual(rest.results.map((r) => [r.room.name, r.seq]), [["lobby", 1]]);
  assert.equal(rest.nextBefore, null);

  const leas = (await (await lea.http.request("/api/search?q=gecko")).json()) as Page;
  assert.deepEqual(leas.results.map((r) => r.room.id), [lobby, dm, secret, lobby]);
  const maxs = (await (await max.http.request("/api/search?q=gecko")).json()) as Page;
  assert.deepEqual(maxs.results.map((r) => r.room.id), [lobby, dm, lobby]);
});

test("bad queries answer 400 and do not count against the limit", async () => {
  const ned = await signedUp("ned");
  const bad = ["", "?q=", "?q=%20%20", `?q=${"a".repeat(201)}`, "?q=a%00b", "?q=a&before=x", "?q=a&before=-1", "?q=a&limit=0", "?q=a&limit=1.5"];
  for (const query of bad) {
    const response = await ned.http.request(`/api/search${query}`);
    assert.equal(response.status, 400, query);
    assert.equal(((await response.json()) as { error: string }).error, "invalid", query);
  }
  assert.equal((await ned.http.request(`/api/search?q=${"a".repeat(200)}`)).status, 200);
});

test("each user's searches are limited, the page and the API together", async () => {
  const [oz, pia] = [await signedUp("ozz"), await signedUp("pia")];
  for (let i = 0; i < searchLimit - 1; i++) assert.equal((await oz.http.request("/api/search?q=x")).status, 200);
  assert.equal((await oz.http.request("/search?q=x")).status, 200);
  const over = await oz.http.request("/api/search?q=x");
  assert.equal(over.status, 429);
  assert.ok(Number(over.headers.get("retry-after")) > 0);
  assert.equal(((await over.json()) as { error: string }).error, "rate_limited");
  assert.match(await (await oz.http.request("/search?q=x")).text(), /Too many searches/);
  assert.equal((await pia.http.request("/api/search?q=x")).status, 200, "another user is not limited");
});

test("the page renders results as escaped text with <mark>ed matches and archive links", async () => {
  const quinn = await signedUp("quinn");
  const roomId = await room(quinn, "escapes", "public");
  await say(roomId, quinn, `<script>alert("tapir")</script> tapir`);
  const html = await (await quinn.http.request("/search?q=tapir")).text();
  assert.ok(!html.includes('<script>alert("tapir")'), "the body is never raw HTML");
  assert.match(html, /<span>&lt;script&gt;alert\(&quot;<\/span><mark[^>]*>tapir<\/mark><span>&quot;\)&lt;\/script&gt; <\/span><mark/);
  assert.ok(html.includes(`href="/rooms/${roomId}/history?before=2#m-1"`));
});
