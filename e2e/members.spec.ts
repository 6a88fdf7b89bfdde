import type { Page } from "@playwright/test";
import { expect, test, uniqueName, type ChatUser } from "./fixtures";
import { MembersPanel } from "./pages/members-panel";

/** alice's private room with bob added, both with the room open; returns its id. */
async function sharedRoom(alice: ChatUser, bob: ChatUser, name: string): Promise<string> {
  const roomId = await alice.rooms.createRoom(name, "private");
  await alice.page.getByTestId("add-member-username").fill(bob.username);
  await alice.page.getByTestId("add-member-submit").click();
  await expect(alice.page.getByTestId("form-success")).toBeVisible();
  await alice.room.goto(roomId);
  await bob.room.goto(roomId);
  return roomId;
}

const panel = (page: Page) => new MembersPanel(page);

test("the panel shows roles and online dots; the owner removes bob, whose open page says so and cannot send", async ({ alice, bob }) => {
  const roomId = await sharedRoom(alice, bob, uniqueName("team"));
  await panel(alice.page).expectMember(alice.username, "owner", true);
  await panel(alice.page).expectMember(bob.username, "member", true);
  await panel(bob.page).expectMember(alice.username, "owner", true);
  await expect(panel(bob.page).root.getByTestId("remove-member")).toHaveCount(0);

  await bob.room.send("hi from bob");
  await expect(alice.room.message("hi from bob")).toBeVisible();
  // bob leaves the app (the /rooms shell keeps him online in all his rooms; /account is outside it): his dot goes grey.
  await bob.page.goto("/account");
  await panel(alice.page).expectMember(bob.username, "member", false);
  await bob.room.goto(roomId);
  await panel(alice.page).expectMember(bob.username, "member", true);

  await panel(alice.page).remove(bob.username);
  await expect(bob.page.getByTestId("room-error")).toContainText("You were removed from this room");
  await expect(bob.page.getByTestId("room-removed")).toBeVisible();
  await expect(bob.room.composer).toHaveCount(0);
  await expect(panel(alice.page).member(bob.username)).toHaveCount(0);

  await alice.room.send("after bob left");
  await expect(alice.room.message("after bob left")).toBeVisible();
  const response = await bob.page.goto(`/rooms/${roomId}`);
  expect(response?.status()).toBe(404);
  expect((await bob.page.request.get(`/api/rooms/${roomId}/messages`)).status()).toBe(404);
});

test("a rename shows live to members; a member leaves and the room is gone from their list", async ({ alice, bob }) => {
  const roomId = await sharedRoom(alice, bob, uniqueName("before"));
  const renamed = uniqueName("after");
  await panel(alice.page).rename(renamed);
  await expect(bob.page.getByTestId("room-name")).toHaveText(renamed);
  await expect(alice.page.getByTestId("room-name")).toHaveText(renamed);
  await bob.room.expectOnline();

  await expect(panel(alice.page).root.getByTestId("leave-room")).toHaveCount(0); // the owner deletes instead
  await panel(bob.page).leave();
  await bob.page.waitForURL(/\/rooms\?left=1$/);
  await expect(bob.page.getByTestId("room-link").filter({ hasText: renamed })).toHaveCount(0);
  await expect(panel(alice.page).member(bob.username)).toHaveCount(0);
  expect((await bob.page.goto(`/rooms/${roomId}`))?.status()).toBe(404);
});

test("deleting the room puts everyone out and it 404s after", async ({ alice, bob }) => {
  const roomId = await sharedRoom(alice, bob, uniqueName("doomed"));
  await panel(alice.page).deleteRoom();
  await alice.page.waitForURL(/\/rooms\?deleted=1$/);
  await expect(bob.page.getByTestId("room-error")).toContainText("This room was deleted");
  await expect(bob.room.composer).toHaveCount(0);
  expect((await bob.page.goto(`/rooms/${roomId}`))?.status()).toBe(404);
});

test("without JavaScript the owner can rename and remove", async ({ alice, bob, browser }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("nojs"), "private");
  await alice.page.getByTestId("add-member-username").fill(bob.username);
  await alice.page.getByTestId("add-member-submit").click();
  await expect(alice.page.getByTestId("form-success")).toBeVisible();
  const state = await alice.page.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const page = await context.newPage();
  await page.goto(`/rooms/${roomId}`);
  const renamed = uniqueName("plain");
  await panel(page).rename(renamed);
  await expect(page.getByTestId("room-name")).toHaveText(renamed);
  await panel(page).remove(bob.username);
  await expect(panel(page).member(bob.username)).toHaveCount(0);
  expect((await bob.page.goto(`/rooms/${roomId}`))?.status()).toBe(404);
  await context.close();
});
