import { expect, test } from "./fixtures";

test("a direct message room is private to its two users", async ({ alice, bob, carol }) => {
  const roomId = await alice.rooms.openDm(bob.username);
  await alice.room.expectOnline();
  await alice.room.send("psst, bob");

  // From the other side, the same room.
  expect(await bob.rooms.openDm(alice.username)).toBe(roomId);
  await bob.room.expectOnline();
  await expect(bob.room.message("psst, bob")).toBeVisible();
  await bob.room.send("hey alice");
  await expect(alice.room.message("hey alice")).toBeVisible();

  const response = await carol.page.goto(`/rooms/${roomId}`);
  expect(response?.status()).toBe(404);
  const api = await carol.page.request.get(`/api/rooms/${roomId}/messages`);
  expect(api.status()).toBe(404);
  await carol.rooms.goto();
  await expect(carol.page.getByTestId("room-link").filter({ hasText: alice.username })).toHaveCount(0);
});
