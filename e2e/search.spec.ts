import { randomBytes } from "node:crypto";
import { expect, test, uniqueName } from "./fixtures";
import { SearchPage } from "./pages/search-page";
import { sendBulk } from "./socket-helpers";
import { expectInert, messagePayloads, textsOf, watchDialogs } from "./xss-corpus";

/** A word no other test writes, so the results are exactly this test's messages. */
const word = () => `qz${randomBytes(5).toString("hex")}`;

test("a search finds the message, highlighted, and opens it at its place in the archive; others' private rooms stay out", async ({ alice, bob }) => {
  const needle = word();
  const roomName = uniqueName("search");
  const roomId = await alice.rooms.createRoom(roomName, "private");
  // Seq 40 of 60: its archive page (before=41) is longer than the window, so landing on it needs the anchor.
  await sendBulk(alice.page, roomId, Array.from({ length: 60 }, (_, i) => (i === 39 ? `the ${needle} flew <b>over</b>` : `filler ${i + 1}`)));
  const hidden = await bob.rooms.createRoom(uniqueName("hidden"), "private");
  await sendBulk(bob.page, hidden, [`${needle} in bob's private room`, `another ${needle} of bob's`]);

  const search = new SearchPage(alice.page);
  await alice.rooms.goto();
  await search.search(needle);
  // Bob's two messages are newer; had they leaked, they would be listed first.
  await expect(search.results).toHaveCount(1);
  await expect(search.rooms).toHaveText([`#${roomName}`]);
  await expect(search.marks).toHaveText([needle]);
  await expect(search.results.getByTestId("search-snippet")).toHaveText(`the ${needle} flew <b>over</b>`);

  await search.open(search.results.first());
  expect(new URL(alice.page.url()).searchParams.get("before")).toBe("41");
  const message = await search.expectTargeted(40);
  await expect(message).toContainText(`the ${needle} flew <b>over</b>`);
  await expect(alice.page.getByTestId("archive-message")).toHaveCount(40);

  // The JSON API answers the same, and refuses a query it cannot take.
  const api = await alice.page.request.get(`/api/search?q=${needle}`);
  const body = (await api.json()) as { results: { room: { id: string }; seq: number }[]; nextBefore: string | null };
  expect(body.results.map((r) => [r.room.id, r.seq])).toEqual([[roomId, 40]]);
  expect((await alice.page.request.get(`/api/search?q=${"x".repeat(201)}`)).status()).toBe(400);
});

test("search works with JavaScript turned off: public rooms one never joined, pages of results, the archive at the message", async ({ alice, bob, carol, browser }) => {
  const needle = word();
  const roomName = uniqueName("open");
  const roomId = await alice.rooms.createRoom(roomName, "public");
  await sendBulk(alice.page, roomId, Array.from({ length: 25 }, (_, i) => `${needle} number ${i + 1}`));
  const hidden = await bob.rooms.createRoom(uniqueName("hidden"), "private");
  await sendBulk(bob.page, hidden, [`${needle} is private`]);

  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await carol.page.context().storageState() });
  const page = await noJs.newPage();
  await page.goto("/rooms");
  const search = new SearchPage(page);
  await search.search(needle);
  await expect(search.results).toHaveCount(20);
  await expect(search.rooms).toHaveText(Array(20).fill(`#${roomName}`));
  await expect(search.results.first()).toContainText(`${needle} number 25`);
  await expect(search.marks.first()).toHaveText(needle);

  await search.older();
  await expect(search.results).toHaveCount(5);
  await expect(search.rooms).toHaveText(Array(5).fill(`#${roomName}`));
  await expect(page.getByTestId("search-older")).toHaveCount(0);
  await expect(search.results.last()).toContainText(`${needle} number 1`);

  await search.open(search.results.nth(2));
  await search.expectTargeted(3);
  await expect(page.getByTestId("archive-message")).toHaveCount(3);

  await page.goto(`/search?q=${"y".repeat(201)}`);
  await expect(search.notice).toContainText("at most 200 characters");
  await noJs.close();
});

test("hostile messages found by a search show as exactly their text, and nothing runs", async ({ alice, carol }) => {
  const payloads = messagePayloads.filter((p) => p.length < 200);
  const roomId = await alice.rooms.createRoom(uniqueName("hostile"), "public");
  const dialogs = watchDialogs(carol.page);
  const search = new SearchPage(carol.page);
  // One needle per page of results (20), so every payload is checked on a first page.
  for (let start = 0; start < payloads.length; start += 20) {
    const needle = word();
    const bodies = payloads.slice(start, start + 20).map((p) => `${needle} ${p}`);
    await sendBulk(alice.page, roomId, bodies);
    await carol.rooms.goto();
    await search.search(needle);
    await expect(search.results).toHaveCount(bodies.length);
    expect(await textsOf(carol.page, '[data-testid="search-snippet"]')).toEqual([...bodies].reverse());
    await expect(search.marks).toHaveText(Array(bodies.length).fill(needle));
  }
  await expectInert(carol.page, dialogs);
});
