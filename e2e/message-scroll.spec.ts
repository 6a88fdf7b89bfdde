import { expect, test, uniqueName } from "./fixtures";
import { sendBulk } from "./socket-helpers";

/*
 * Issue 10, deliverable 7: the live list's scrolling. Scrolled up, arriving
 * messages leave the view alone and "jump to latest" counts them; at the top,
 * older pages load and the view stays where the reader was.
 */

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
