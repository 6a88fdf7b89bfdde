import { expect, test, uniqueName } from "./fixtures";
import { MessageRow } from "./pages/message-row";

test("an edit and a delete reach the other user live: edited mark, tombstone in place", async ({ alice, bob }) => {
  const roomName = uniqueName("edit");
  await alice.rooms.createRoom(roomName, "public");
  await alice.room.expectOnline();
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();
  for (const text of ["first", "second", "third"]) await bob.room.send(text);
  const second = await MessageRow.byText(bob.page, "second");
  const first = await MessageRow.byText(bob.page, "first");
  await expect(alice.room.message("third")).toBeVisible();

  await first.edit("first, fixed");
  await second.delete();

  const seenFirst = new MessageRow(alice.page, first.id);
  const seenSecond = new MessageRow(alice.page, second.id);
  await expect(seenFirst.body).toHaveText("first, fixed");
  await expect(seenFirst.editedMark).toBeVisible();
  await expect(seenSecond.tombstone).toHaveText("message deleted");
  await expect(seenSecond.editedMark).toHaveCount(0);
  expect(await alice.room.bodies()).toEqual(["first, fixed", "message deleted", "third"]);
  await expect(seenSecond.row).toHaveAttribute("data-deleted", "true");
});

test("the owner deletes anyone's message; others see no delete on messages not theirs", async ({ alice, bob }) => {
  const roomName = uniqueName("owner");
  await alice.rooms.createRoom(roomName, "public");
  await alice.room.send("from the owner");
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();
  await bob.room.send("from bob");

  // Bob's own message offers edit and delete; the owner's offers him only a reaction.
  const bobsOwn = await MessageRow.byText(bob.page, "from bob");
  const ownersAsBobSeesIt = await MessageRow.byText(bob.page, "from the owner");
  await expect(bobsOwn.tool("delete-button")).toHaveCount(1);
  await expect(bobsOwn.tool("edit-button")).toHaveCount(1);
  await expect(ownersAsBobSeesIt.tool("react-button")).toHaveCount(1); // the marker: the toolbar is there
  await expect(ownersAsBobSeesIt.tool("delete-button")).toHaveCount(0);
  await expect(ownersAsBobSeesIt.tool("edit-button")).toHaveCount(0);

  // The owner may delete bob's message, but not edit it.
  const bobsAsOwnerSeesIt = await MessageRow.byText(alice.page, "from bob");
  await expect(bobsAsOwnerSeesIt.tool("edit-button")).toHaveCount(0);
  await bobsAsOwnerSeesIt.delete();
  await expect(new MessageRow(bob.page, bobsOwn.id).tombstone).toBeVisible();
  await expect(bobsOwn.tool("delete-button")).toHaveCount(0);
});

test("keyboard: Up arrow edits my last message, Enter saves, Esc cancels; delete confirm cancels with Esc", async ({ alice }) => {
  await alice.rooms.createRoom(uniqueName("keys"), "public");
  await alice.room.expectOnline();
  await alice.room.send("one");
  await alice.room.send("two");
  const two = await MessageRow.byText(alice.page, "two");

  await alice.room.composer.press("ArrowUp");
  await expect(two.editInput).toBeFocused();
  await expect(two.editInput).toHaveValue("two");
  await two.editInput.fill("two (draft)");
  await two.editInput.press("Escape");
  await expect(two.editInput).toHaveCount(0);
  await expect(two.body).toHaveText("two");
  await expect(two.editedMark).toHaveCount(0);
  await expect(alice.room.composer).toBeFocused();

  await alice.room.composer.press("ArrowUp");
  await two.editInput.fill("two, edited");
  await two.editInput.press("Enter");
  await expect(two.body).toHaveText("two, edited");
  await expect(two.editedMark).toBeVisible();
  await expect(alice.room.composer).toBeFocused();

  // The Edit and Delete actions are reachable with the keyboard too.
  await two.tool("edit-button").focus();
  await alice.page.keyboard.press("Enter");
  await expect(two.editInput).toBeFocused();
  await alice.page.keyboard.press("Escape");
  await expect(two.tool("edit-button")).toBeFocused();
  await two.tool("delete-button").focus();
  await alice.page.keyboard.press("Enter");
  await expect(two.row.getByTestId("delete-confirm-no")).toBeFocused();
  await alice.page.keyboard.press("Escape");
  await expect(two.row.getByTestId("delete-confirm")).toHaveCount(0);
  await expect(two.body).toHaveText("two, edited");
});

test("the archive shows the edited mark, the tombstone and reactions with JavaScript off", async ({ alice, browser }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("archive-edits"), "public");
  await alice.room.expectOnline();
  for (const text of ["kept", "changed", "removed"]) await alice.room.send(text);
  await (await MessageRow.byText(alice.page, "changed")).edit("changed later");
  await (await MessageRow.byText(alice.page, "kept")).react("👍");
  await (await MessageRow.byText(alice.page, "removed")).delete();

  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await alice.page.context().storageState() });
  const page = await noJs.newPage();
  await page.goto(`/rooms/${roomId}/history`);
  const archived = page.getByTestId("archive-message");
  await expect(archived).toHaveCount(3);
  await expect(archived.nth(0)).toContainText("kept");
  await expect(archived.nth(0).getByTestId("edited-mark")).toHaveCount(0);
  await expect(archived.nth(0).getByTestId("archive-reaction")).toHaveText("👍 1");
  await expect(archived.nth(0).getByTestId("archive-reaction")).toHaveAttribute("title", `${alice.username} reacted with 👍`);
  await expect(archived.nth(1)).toContainText("changed later");
  await expect(archived.nth(1).getByTestId("edited-mark")).toBeVisible();
  await expect(archived.nth(2).getByTestId("tombstone")).toHaveText("message deleted");
  await expect(archived.nth(2)).not.toContainText("removed");
  await noJs.close();
});
