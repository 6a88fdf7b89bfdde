import { expect, test, uniqueName } from "./fixtures";

test("two users chat live in a public room, with typing, presence and server-rendered history", async ({ alice, bob }) => {
  const roomName = uniqueName("lobby");
  const roomId = await alice.rooms.createRoom(roomName, "public");
  await alice.room.expectOnline();

  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();

  await expect(alice.page.getByTestId("presence-user").filter({ hasText: bob.username })).toBeVisible();
  await expect(bob.page.getByTestId("presence-user").filter({ hasText: alice.username })).toBeVisible();

  await alice.room.send("hello from alice");
  await alice.room.expectSent("hello from alice");
  await expect(bob.room.message("hello from alice")).toBeVisible();
  await expect(bob.room.message("hello from alice").getByTestId("message-author")).toHaveText(alice.username);

  await bob.room.composer.pressSequentially("hi al");
  await expect(alice.page.getByTestId("typing-indicator")).toContainText(bob.username);
  await bob.room.composer.fill("");
  await bob.room.send("hi alice, bob here");
  await expect(alice.room.message("hi alice, bob here")).toBeVisible();
  await bob.room.expectSent("hi alice, bob here");

  await bob.page.reload();
  await expect(bob.room.message("hello from alice")).toBeVisible();
  expect(await bob.room.bodies()).toEqual(["hello from alice", "hi alice, bob here"]);

  // The history is in the HTML itself, not fetched after load.
  const html = await (await bob.page.request.get(`/rooms/${roomId}`)).text();
  expect(html).toContain("hello from alice");
  expect(html).toContain("hi alice, bob here");
});
