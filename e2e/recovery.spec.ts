import { expect, test, uniqueName } from "./fixtures";
import { networkSwitch } from "./network-switch";
import { MessageRow, renderedMessages } from "./pages/message-row";
import { RoomPage } from "./pages/room-page";

test("offline while others send, edit, delete and react: back online, the page is exactly a fresh load", async ({ alice, bob, carol }) => {
  const network = await networkSwitch(alice.page);
  const roomName = uniqueName("recover");
  const roomId = await alice.rooms.createRoom(roomName, "public");
  await alice.room.expectOnline();
  await alice.room.send("from alice");
  for (const user of [bob, carol]) {
    await user.rooms.openRoom(roomName);
    await user.room.expectOnline();
  }
  for (const text of ["to edit", "to delete", "to unreact"]) await bob.room.send(text);
  const toEdit = await MessageRow.byText(bob.page, "to edit");
  const toDelete = await MessageRow.byText(bob.page, "to delete");
  const toUnreact = await MessageRow.byText(bob.page, "to unreact");
  const fromAlice = await MessageRow.byText(carol.page, "from alice");
  await toUnreact.react("👍");
  await expect(alice.room.message("to unreact").getByTestId("reaction-chip")).toHaveCount(1);
  const before = await renderedMessages(alice.page);

  await network.goOffline();
  await expect(alice.room.connection).not.toHaveAttribute("data-state", "online");

  await bob.room.send("sent while away");
  await bob.room.expectSent("sent while away");
  await toEdit.edit("edited while away");
  await toDelete.delete();
  await toUnreact.chip("👍").click();
  await expect(toUnreact.chips).toHaveCount(0);
  await fromAlice.react("🎉");
  await expect(new MessageRow(bob.page, fromAlice.id).chip("🎉")).toHaveAttribute("data-count", "1");
  await new MessageRow(bob.page, fromAlice.id).chip("🎉").click();
  await expect(fromAlice.chip("🎉")).toHaveAttribute("data-count", "2");
  await carol.room.send("carol too");
  await carol.room.expectSent("carol too");

  // The marker: everything above is done and seen by the others, and alice's page still shows none of it.
  expect(await renderedMessages(alice.page)).toEqual(before);
  await expect(alice.room.connection).not.toHaveAttribute("data-state", "online");

  await network.goOnline();
  await alice.room.expectOnline();

  const fresh = new RoomPage(await alice.page.context().newPage());
  await fresh.goto(roomId);
  const truth = await renderedMessages(fresh.page);
  expect(truth.map((m) => m.body)).toEqual(["from alice", "edited while away", "message deleted", "to unreact", "sent while away", "carol too"]);
  expect(truth.map((m) => [m.edited, m.deleted])).toEqual([[false, false], [true, false], [false, true], [false, false], [false, false], [false, false]]);
  expect(truth.map((m) => m.reactions)).toEqual([{ "🎉": 2 }, {}, {}, {}, {}, {}]);

  await expect.poll(() => renderedMessages(alice.page)).toEqual(truth);
  await fresh.page.close();
});
