import { expect, test, uniqueName } from "./fixtures";
import { ShellPage } from "./pages/shell-page";

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

test("the marker moves only when the messages were seen in a focused tab, and the other tab follows", async ({ alice, bob }) => {
  const room = await alice.rooms.createRoom(uniqueName("focus"), "public");
  const other = await alice.rooms.createRoom(uniqueName("watch"), "public");
  await bob.room.goto(room);
  await bob.page.goto(`/rooms/${other}`); // bob joins the second room too
  await bob.room.expectOnline();
  // Tab 2 shows the room but has lost focus; tab 1 watches from another room.
  const tab2 = await alice.page.context().newPage();
  await tab2.addInitScript(() => {
    const state = { focused: false };
    Object.assign(window, { focusState: state });
    document.hasFocus = () => state.focused;
  });
  await tab2.goto(`/rooms/${room}`);
  await expect(tab2.getByTestId("connection-status")).toHaveAttribute("data-state", "online");
  await alice.page.goto(`/rooms/${other}`);
  await alice.room.expectOnline();
  const shell1 = new ShellPage(alice.page);

  await bob.page.goto(`/rooms/${room}`);
  await bob.room.expectOnline();
  await bob.room.send("while you look away");
  await expect(tab2.getByText("while you look away")).toBeVisible();
  await shell1.expectUnread(room, 1);
  // A later message in the other room reaches tab 1 after any read tab 2 could have sent: the count stayed.
  await bob.page.goto(`/rooms/${other}`);
  await bob.room.expectOnline();
  await bob.room.send("marker");
  await expect(alice.room.message("marker")).toBeVisible();
  await shell1.expectUnread(room, 1);

  await tab2.evaluate(() => {
    (window as unknown as { focusState: { focused: boolean } }).focusState.focused = true;
    window.dispatchEvent(new Event("focus"));
  });
  await shell1.expectUnread(room, 0);
  await tab2.close();
});
