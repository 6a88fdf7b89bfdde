import { expect, test, uniqueName } from "./fixtures";
import { sendBulk } from "./socket-helpers";

test("the archive pages back through history with JavaScript turned off", async ({ alice, browser }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("archive"), "public");
  const bodies = Array.from({ length: 60 }, (_, i) => `archived message ${i + 1}`);
  await sendBulk(alice.page, roomId, bodies);

  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await alice.page.context().storageState() });
  const page = await noJs.newPage();
  await page.goto(`/rooms/${roomId}/history`);
  const archived = page.getByTestId("archive-message");
  await expect(archived).toHaveCount(50);
  await expect(archived.first()).toContainText("archived message 11");
  await expect(archived.last()).toContainText("archived message 60");
  await expect(page.getByTestId("newer-link")).toHaveCount(0);

  await page.getByTestId("older-link").click();
  await expect(archived).toHaveCount(10);
  await expect(archived.first()).toContainText("archived message 1");
  await expect(archived.last()).toContainText("archived message 10");
  await expect(page.getByTestId("older-link")).toHaveCount(0);
  await expect(page.getByTestId("newer-link")).toBeVisible();
  await noJs.close();
});

test("the live room loads older pages when scrolled to the top", async ({ alice }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("older"), "public");
  await sendBulk(alice.page, roomId, Array.from({ length: 55 }, (_, i) => `m${i + 1}`));
  await alice.room.goto(roomId);
  await expect(alice.room.messages).toHaveCount(50);
  await alice.room.scrollToOldest();
  await expect(alice.room.messages).toHaveCount(55);
  await expect(alice.page.getByTestId("load-older")).toHaveCount(0);
  expect(await alice.room.bodies()).toEqual(Array.from({ length: 55 }, (_, i) => `m${i + 1}`));
});
