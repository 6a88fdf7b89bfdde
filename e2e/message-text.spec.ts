import { expect, test, uniqueName } from "./fixtures";
import { sendBulk } from "./socket-helpers";
import { watchDialogs, expectInert } from "./xss-corpus";

/*
 * Issue 10, deliverable 7: message text. The markdown subset (bold, italic,
 * code, code blocks), safe links, kept line breaks, wrapped long words and
 * large emoji, live and in the no-JavaScript archive; author groups and day
 * separators; "jump to latest" while scrolled up; older pages on scroll.
 */
const formatted = "**bold words** and *italic words* and `inline code`";
const codeBlock = "```\nconst answer = 42;\n  return <b>answer</b>;\n```";
const links = "docs at https://example.com/docs, [the site](http://example.org/) and [bad](javascript:window.__xss=1) or [data](data:text/html,x)";
const twoLines = "first line\nsecond line";
const longWord = "w".repeat(400);
const emoji = "🎉🎉";

test("markdown, links, line breaks, long words and emoji render live and in the archive", async ({ alice, bob, browser }) => {
  const dialogs = watchDialogs(bob.page);
  const roomId = await alice.rooms.createRoom(uniqueName("text"), "public");
  await bob.page.setViewportSize({ width: 375, height: 740 });
  await alice.room.goto(roomId);
  await bob.room.goto(roomId);
  for (const body of [formatted, codeBlock, links, twoLines, longWord, emoji]) await alice.room.send(body);
  await expect(bob.room.messages).toHaveCount(6);

  const body = (i: number) => bob.room.messages.nth(i).getByTestId("message-body");
  await expect(body(0).locator("strong")).toHaveText("bold words");
  await expect(body(0).locator("em")).toHaveText("italic words");
  await expect(body(0).locator("code")).toHaveText("inline code");
  await expect(body(1).locator("pre code")).toHaveText("const answer = 42;\n  return <b>answer</b>;\n");
  await expect(body(1).locator("b")).toHaveCount(0);

  const anchors = body(2).locator("a");
  await expect(anchors).toHaveCount(2);
  await expect(anchors.nth(0)).toHaveAttribute("href", "https://example.com/docs");
  await expect(anchors.nth(1)).toHaveAttribute("href", "http://example.org/");
  await expect(anchors.nth(1)).toHaveText("the site");
  for (const i of [0, 1]) {
    await expect(anchors.nth(i)).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await expect(anchors.nth(i)).toHaveAttribute("target", "_blank");
  }
  await expect(body(2)).toContainText("[bad](javascript:window.__xss=1) or [data](data:text/html,x)");

  await expect(body(3).locator("br")).toHaveCount(1);
  expect(await body(3).innerText()).toBe("first line\nsecond line");

  // At phone width the long word wraps inside its message: neither it nor the list scrolls sideways.
  const word = await body(4).evaluate((el) => ({
    scroll: el.scrollWidth, client: el.clientWidth, height: el.clientHeight,
    right: el.getBoundingClientRect().right, viewport: document.documentElement.clientWidth,
  }));
  expect(word.scroll).toBeLessThanOrEqual(word.client);
  expect(word.right).toBeLessThanOrEqual(word.viewport);
  expect(word.height, "the word takes several lines").toBeGreaterThan(60);
  const list = await bob.room.scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(list.scroll).toBeLessThanOrEqual(list.client);

  await expect(body(5)).toHaveAttribute("data-emoji-only", "true");
  await expect(body(0)).not.toHaveAttribute("data-emoji-only", "true");
  const size = (i: number) => body(i).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await size(5)).toBeGreaterThanOrEqual(2 * (await size(0)));
  await expectInert(bob.page, dialogs);

  // The archive, JavaScript off, renders the same subset.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await bob.page.context().storageState() });
  const archive = await noJs.newPage();
  await archive.goto(`/rooms/${roomId}/history`);
  const archived = (i: number) => archive.getByTestId("archive-message").nth(i).getByTestId("message-body");
  await expect(archived(0).locator("strong")).toHaveText("bold words");
  await expect(archived(0).locator("em")).toHaveText("italic words");
  await expect(archived(0).locator("code")).toHaveText("inline code");
  await expect(archived(1).locator("pre code")).toHaveText("const answer = 42;\n  return <b>answer</b>;\n");
  await expect(archived(2).locator('a[rel="noopener noreferrer nofollow"][target="_blank"]')).toHaveCount(2);
  await expect(archived(3).locator("br")).toHaveCount(1);
  await expect(archived(5)).toHaveAttribute("data-emoji-only", "true");
  await expectInert(archive, []);
  await noJs.close();
});

test("one author's consecutive messages are grouped under a day separator", async ({ alice, bob }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("groups"), "public");
  await alice.room.goto(roomId);
  await bob.room.goto(roomId);
  for (const text of ["a1", "a2", "a3"]) await alice.room.send(text);
  await alice.room.expectSent("a3");
  await bob.room.send("b1");
  await expect(alice.room.messages).toHaveCount(4);

  const continued = await alice.room.messages.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-continued") === "true"));
  expect(continued).toEqual([false, true, true, false]);
  // The author's name is visible once per group (kept, visually hidden, for screen readers on the others).
  const shownAuthors = await alice.page.getByTestId("message-author").evaluateAll((nodes) =>
    nodes.filter((n) => n.parentElement!.getBoundingClientRect().width > 4).map((n) => n.textContent));
  expect(shownAuthors).toEqual([alice.username, bob.username]);
  const separators = alice.page.getByTestId("day-separator");
  await expect(separators).toHaveCount(1);
  await expect(separators).toHaveText("Today");
});

test("scrolled up, new messages do not move the view; jump to latest counts them and goes down", async ({ alice, bob }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("jump"), "public");
  await sendBulk(alice.page, roomId, Array.from({ length: 40 }, (_, i) => `history ${i + 1}`));
  await alice.room.goto(roomId);
  await bob.room.goto(roomId);
  await expect(bob.room.messages).toHaveCount(40);
  await expect(bob.room.jumpToLatest).toHaveCount(0);
  await expect(bob.room.message("history 40")).toBeInViewport();

  await bob.room.scrollToOldest();
  await expect(bob.room.jumpToLatest).toHaveText(/Jump to latest/);
  await expect(bob.room.message("history 1")).toBeInViewport();
  await alice.room.send("new one");
  await alice.room.send("new two");
  await expect(bob.room.jumpToLatest).toHaveText(/2 new messages/);
  await expect(bob.room.jumpToLatest).toHaveAttribute("data-count", "2");
  await expect(bob.room.message("history 1"), "the reader was not yanked down").toBeInViewport();
  await expect(bob.room.message("new two")).not.toBeInViewport();

  await bob.room.jumpToLatest.click();
  await expect(bob.room.message("new two")).toBeInViewport();
  await expect(bob.room.jumpToLatest).toHaveCount(0);
  // At the bottom again, the list follows the conversation.
  await alice.room.send("new three");
  await expect(bob.room.message("new three")).toBeInViewport();
  await expect(bob.room.jumpToLatest).toHaveCount(0);
});

test("scrolling to the top loads older pages and keeps the view in place", async ({ alice }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("older"), "public");
  await sendBulk(alice.page, roomId, Array.from({ length: 120 }, (_, i) => `page ${i + 1}`));
  await alice.room.goto(roomId);
  await expect(alice.room.messages).toHaveCount(50);
  await expect(alice.room.message("page 120")).toBeInViewport();

  await alice.room.scrollToOldest();
  await expect(alice.room.messages).toHaveCount(100);
  // What the reader was looking at (the oldest of the first page) is still on screen; the new page is above it.
  await expect(alice.room.message("page 71")).toBeInViewport();
  await expect(alice.room.message("page 21")).not.toBeInViewport();

  await alice.room.scrollToOldest();
  await expect(alice.room.messages).toHaveCount(120);
  await expect(alice.page.getByTestId("load-older")).toHaveCount(0);
  expect(await alice.room.bodies()).toEqual(Array.from({ length: 120 }, (_, i) => `page ${i + 1}`));
});
