import { expect, test, uniqueName } from "./fixtures";
import { ShellPage } from "./pages/shell-page";

test("the sidebar lists rooms and DMs; switching rooms is client-side on one socket", async ({ alice, bob }) => {
  const shell = new ShellPage(alice.page);
  const first = await alice.rooms.createRoom(uniqueName("first"), "public");
  const second = await alice.rooms.createRoom(uniqueName("second"), "private");
  const dm = await alice.rooms.openDm(bob.username);
  await alice.page.goto(`/rooms/${first}`);
  await alice.room.expectOnline();
  await expect(shell.sidebar.getByTestId("sidebar-room")).toHaveCount(3);
  await expect(shell.room(dm)).toHaveText(bob.username); // a DM is named for the other person
  await expect(shell.room(first)).toHaveAttribute("aria-current", "page");

  // A marker on window survives only if the page is never reloaded; no socket is opened after the first.
  const sockets = shell.countSockets();
  await alice.page.evaluate(() => Object.assign(window, { shellMarker: 42 }));
  await shell.room(second).click();
  await alice.page.waitForURL(`**/rooms/${second}`);
  await alice.room.expectOnline();
  await expect(shell.room(second)).toHaveAttribute("aria-current", "page");
  await expect(shell.room(first)).not.toHaveAttribute("aria-current", "page");
  await alice.room.send("in the second room");
  await alice.room.expectSent("in the second room");
  await shell.room(dm).click();
  await alice.page.waitForURL(`**/rooms/${dm}`);
  await alice.room.expectOnline();
  expect(await alice.page.evaluate(() => (window as unknown as { shellMarker?: number }).shellMarker)).toBe(42);
  expect(sockets.opened).toBe(0);
});

test("on a phone the sidebar is a drawer: a button opens it, focus moves in, Esc closes it", async ({ alice }) => {
  const shell = new ShellPage(alice.page);
  const room = await alice.rooms.createRoom(uniqueName("phone"), "public");
  await alice.page.setViewportSize({ width: 390, height: 800 });
  await alice.room.expectOnline();
  await expect(shell.sidebar).toBeHidden();
  const open = alice.page.getByTestId("drawer-open");
  await open.click();
  await expect(shell.drawer).toBeVisible();
  await expect(shell.room(room, shell.drawer)).toBeVisible();
  await expect(alice.page.getByTestId("drawer-close")).toBeFocused();
  await alice.page.keyboard.press("Escape");
  await expect(shell.drawer).toBeHidden();
  await expect(open).toBeFocused();
  await expect(open).toHaveAttribute("aria-expanded", "false");
});

test("the directory joins a public room, which then appears in the sidebar", async ({ alice, bob }) => {
  const name = uniqueName("lobby");
  const room = await bob.rooms.createRoom(name, "public");
  await alice.rooms.goto();
  const shell = new ShellPage(alice.page);
  await expect(shell.room(room)).toHaveCount(0);
  await alice.page.getByTestId("public-room-list").getByTestId("room-link").filter({ hasText: name }).click();
  await alice.page.waitForURL(`**/rooms/${room}`);
  await alice.room.expectOnline();
  await expect(shell.room(room)).toBeVisible();
});

test("with JavaScript off the sidebar is plain links", async ({ alice, browser }) => {
  const room = await alice.rooms.createRoom(uniqueName("nojs"), "public");
  await alice.room.expectOnline();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await alice.page.context().storageState() });
  const page = await context.newPage();
  await page.goto(`/rooms/${room}/history`);
  const link = new ShellPage(page).room(room);
  await expect(link).toHaveAttribute("href", `/rooms/${room}`);
  await link.click();
  await page.waitForURL(`**/rooms/${room}`);
  await expect(page.getByTestId("room-name")).toBeVisible();
  await context.close();
});
