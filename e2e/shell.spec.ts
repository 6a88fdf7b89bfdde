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
  await expect(shell.room(dm)).toContainText(/./);
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

test("unread counts rise live in rooms not open, clear when seen; the divider and the tab title", async ({ alice, bob }) => {
  const shell = new ShellPage(alice.page);
  const busy = await alice.rooms.createRoom(uniqueName("busy"), "public");
  const quiet = await alice.rooms.createRoom(uniqueName("quiet"), "public");
  await bob.room.goto(busy); // opening a public room joins it
  await alice.room.expectOnline();
  await expect(alice.page).toHaveTitle(/^Room/);

  await bob.room.send("one");
  await bob.room.send("two");
  await shell.expectUnread(busy, 2);
  await expect(alice.page).toHaveTitle(/^\(2\) /);
  await shell.expectUnread(quiet, 0);

  await shell.room(busy).click();
  await alice.page.waitForURL(`**/rooms/${busy}`);
  const divider = alice.page.getByTestId("new-messages-divider");
  await expect(divider).toBeVisible();
  // The divider sits right above the first unread message.
  await expect(alice.page.locator('[data-testid="new-messages-divider"] + [data-testid="message"]')).toContainText("one");
  await shell.expectUnread(busy, 0);
  await expect(alice.page).not.toHaveTitle(/^\(\d+\) /);
  // The marker reached the server: a fresh page load agrees.
  await alice.page.reload();
  await alice.room.expectOnline();
  await shell.expectUnread(busy, 0);
  await expect(alice.page.getByTestId("new-messages-divider")).toHaveCount(0);
});

test("two tabs of one user keep the same counts", async ({ alice, bob }) => {
  const room = await alice.rooms.createRoom(uniqueName("sync"), "public");
  const other = await alice.rooms.createRoom(uniqueName("elsewhere"), "public");
  await bob.room.goto(room);
  const tab2 = await alice.page.context().newPage();
  const shell1 = new ShellPage(alice.page);
  const shell2 = new ShellPage(tab2);
  await tab2.goto(`/rooms/${other}`);
  await expect(tab2.getByTestId("connection-status")).toHaveAttribute("data-state", "online");
  await alice.room.expectOnline();

  await bob.room.send("for both tabs");
  await shell1.expectUnread(room, 1);
  await shell2.expectUnread(room, 1);
  await shell1.room(room).click();
  await expect(alice.room.message("for both tabs")).toBeVisible();
  await shell1.expectUnread(room, 0);
  await shell2.expectUnread(room, 0); // the other tab heard `read` from the sidecar
  await tab2.close();
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
