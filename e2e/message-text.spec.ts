import { expect, test, uniqueName } from "./fixtures";
import { watchDialogs, expectInert } from "./xss-corpus";

/*
 * Issue 10, deliverable 7: message text. The markdown subset (bold, italic,
 * code, code blocks), safe links, kept line breaks, wrapped long words and
 * large emoji, live and in the no-JavaScript archive; author groups and day
 * separators. Scrolling (jump to latest, older pages): message-scroll.spec.ts.
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

test("one author's consecutive messages are grouped under a day separator", async ({ alice, bob, browser }) => {
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

  // Seen from tomorrow, the same day is "Yesterday".
  await alice.page.clock.setFixedTime(Date.now() + 86_400_000);
  await alice.page.reload();
  await expect(separators).toHaveText("Yesterday");

  // The server pass, before any script: the full UTC date, no relative words.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await bob.page.context().storageState() });
  const page = await noJs.newPage();
  await page.goto(`/rooms/${roomId}`);
  const utcDay = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
  await expect(page.getByTestId("day-separator")).toHaveText(utcDay.format(new Date()));
  await expect(page.locator('[data-testid="message"][data-continued="true"]')).toHaveCount(2);
  await noJs.close();
});
