import { expect, test, uniqueName } from "./fixtures";
import { MessageRow } from "./pages/message-row";

test("reactions toggle by clicking and their counts reach the other user live", async ({ alice, bob }) => {
  const roomName = uniqueName("react");
  await alice.rooms.createRoom(roomName, "public");
  await alice.room.send("react to me");
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();
  const mine = await MessageRow.byText(alice.page, "react to me");
  const theirs = new MessageRow(bob.page, mine.id);

  await mine.react("👍");
  await expect(theirs.chip("👍")).toHaveAttribute("data-count", "1");
  await expect(theirs.chip("👍")).toHaveAttribute("aria-pressed", "false");
  await theirs.chip("👍").click(); // bob joins alice's reaction
  await expect(mine.chip("👍")).toHaveAttribute("data-count", "2");
  await expect(mine.chip("👍")).toHaveAttribute("aria-pressed", "true");
  await expect(theirs.chip("👍")).toHaveAttribute("aria-pressed", "true");

  await theirs.react("🎉");
  await expect(mine.chip("🎉")).toHaveAttribute("data-count", "1");

  await mine.chip("👍").click(); // alice takes hers back
  await expect(theirs.chip("👍")).toHaveAttribute("data-count", "1");
  await theirs.chip("👍").click();
  await expect(mine.chip("👍")).toHaveCount(0);
  await expect(mine.chip("🎉")).toHaveAttribute("data-count", "1"); // the marker: the other reaction is still shown
});

test("who reacted shows on hover and on keyboard focus, and is the chip's description", async ({ alice, bob }) => {
  const roomName = uniqueName("who");
  await alice.rooms.createRoom(roomName, "public");
  await alice.room.send("who likes this");
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();
  const row = await MessageRow.byText(alice.page, "who likes this");
  await row.react("❤️");
  await new MessageRow(bob.page, row.id).chip("❤️").click();
  const chip = row.chip("❤️");
  await expect(chip).toHaveAttribute("data-count", "2");

  const who = row.row.getByTestId("reaction-who");
  const names = `${alice.username}, ${bob.username} reacted with ❤️`;
  await expect(who).toBeHidden();
  await chip.hover();
  await expect(who).toBeVisible();
  await expect(who).toHaveText(names);
  await alice.page.mouse.move(0, 0);
  await expect(who).toBeHidden();

  await chip.focus();
  await expect(who).toBeVisible();
  await expect(chip).toHaveAccessibleName("❤️ 2");
  await expect(chip).toHaveAccessibleDescription(names);
  await alice.page.keyboard.press("Enter"); // toggles mine off from the keyboard
  await expect(chip).toHaveAttribute("data-count", "1");
});

test("the picker offers the common emoji and, first, the ones I used recently", async ({ alice }) => {
  await alice.rooms.createRoom(uniqueName("recent"), "public");
  await alice.room.expectOnline();
  await alice.room.send("pick one");
  const row = await MessageRow.byText(alice.page, "pick one");
  await row.row.hover();
  await row.tool("react-button").click();
  const options = row.row.getByTestId("reaction-option");
  await expect(options.first()).toBeFocused();
  await expect(options).toHaveCount(6);
  await alice.page.keyboard.press("Escape");
  await expect(row.row.getByTestId("reaction-picker")).toHaveCount(0);
  await expect(row.tool("react-button")).toBeFocused();

  await alice.page.evaluate(() => localStorage.setItem("chat.recentEmoji", JSON.stringify(["🦀", "<b>x</b>"])));
  await row.tool("react-button").click();
  await expect(options).toHaveCount(7);
  await expect(options.first()).toHaveAttribute("data-emoji", "🦀");
  await options.first().click();
  await expect(row.chip("🦀")).toHaveAttribute("data-count", "1");
  const stored = await alice.page.evaluate(() => localStorage.getItem("chat.recentEmoji"));
  expect(JSON.parse(stored ?? "[]")).toEqual(["🦀"]);
});
