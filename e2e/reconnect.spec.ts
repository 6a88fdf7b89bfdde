import { expect, test, uniqueName } from "./fixtures";
import type { RoomPage } from "./pages/room-page";
import { killSidecar, startSidecar } from "./stack/sidecar-control";

test("after a sidecar crash both browsers reconnect and hold the complete, ordered history", async ({ alice, bob }) => {
  const roomName = uniqueName("restart");
  const roomId = await alice.rooms.createRoom(roomName, "public");
  await alice.room.expectOnline();
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();

  await alice.room.send("before 1");
  await bob.room.send("before 2");
  await expect(alice.room.message("before 2")).toBeVisible();
  await expect(bob.room.message("before 1")).toBeVisible();

  await killSidecar();
  await expect(alice.room.connection).not.toHaveAttribute("data-state", "online");
  await expect(bob.room.connection).not.toHaveAttribute("data-state", "online");
  await alice.room.send("while down 1");
  await alice.room.send("while down 2");
  await bob.room.send("while down 3");
  await expect(alice.room.message("while down 1")).toHaveAttribute("data-status", /pending|failed/);

  await startSidecar();
  await alice.room.expectOnline();
  await bob.room.expectOnline();
  for (const text of ["while down 1", "while down 2"]) await alice.room.expectSent(text);
  await bob.room.expectSent("while down 3");

  await alice.room.send("after 1");
  await bob.room.send("after 2");
  await alice.room.expectSent("after 1");
  await bob.room.expectSent("after 2");

  const history = await alice.page.request.get(`/api/rooms/${roomId}/messages?limit=100`);
  const { messages } = (await history.json()) as { messages: { body: string; seq: number }[] };
  const expected = messages.reverse();
  expect(expected.map((m) => m.body).sort()).toEqual(
    ["before 1", "before 2", "while down 1", "while down 2", "while down 3", "after 1", "after 2"].sort(),
  );
  for (const user of [alice.room, bob.room]) await expectExactly(user, expected);
});

async function expectExactly(room: RoomPage, expected: { body: string; seq: number }[]): Promise<void> {
  await expect.poll(() => room.bodies()).toEqual(expected.map((m) => m.body));
  expect(await room.seqs()).toEqual(expected.map((m) => m.seq));
}
