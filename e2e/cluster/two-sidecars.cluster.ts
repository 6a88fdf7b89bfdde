import { expect, signUpUser, test, uniqueName, type ChatUser } from "../fixtures";
import { crashSidecar, trackSidecar } from "./sidecars";

/*
 * Two browsers on two different sidecars behind HAProxy chat live (frames
 * cross between sidecars through Redis); then one sidecar is kill -9'd and
 * its browser reconnects through the balancer to the other one. Both end
 * with the same complete, ordered history as the API's.
 */
test("two browsers on different sidecars chat live and survive a sidecar crash", async ({ browser }) => {
  const alice = await signUpUser(browser, "alice");
  const bob = await signUpUser(browser, "bob");
  const aliceNode = trackSidecar(alice.page);
  const bobNode = trackSidecar(bob.page);
  const roomName = uniqueName("cluster");
  const roomId = await alice.rooms.createRoom(roomName, "public");
  await alice.room.expectOnline();
  await bob.rooms.openRoom(roomName);
  await bob.room.expectOnline();
  await expect.poll(() => aliceNode()).not.toBeNull();
  await landOnAnotherSidecar(bob, bobNode, aliceNode()!);

  await alice.room.send("alice 1");
  await bob.room.send("bob 1");
  await expect(bob.room.message("alice 1")).toBeVisible();
  await expect(alice.room.message("bob 1")).toBeVisible();

  const crashed = aliceNode()!;
  crashSidecar(crashed);
  await alice.room.send("alice while crashing");
  await bob.room.send("bob while crashing");
  await alice.room.expectOnline();
  await expect.poll(() => aliceNode()).not.toBe(crashed);
  await bob.room.expectOnline();
  await alice.room.expectSent("alice while crashing");
  await bob.room.expectSent("bob while crashing");
  await alice.room.send("alice after");
  await bob.room.send("bob after");
  await alice.room.expectSent("alice after");
  await bob.room.expectSent("bob after");

  const history = await apiHistory(alice, roomId);
  expect(history.map((m) => m.body).sort()).toEqual(
    ["alice 1", "bob 1", "alice while crashing", "bob while crashing", "alice after", "bob after"].sort(),
  );
  for (const user of [alice, bob]) {
    await expect.poll(() => user.room.bodies()).toEqual(history.map((m) => m.body));
    expect(await user.room.seqs()).toEqual(history.map((m) => m.seq));
  }
  for (const user of [alice, bob]) await user.page.context().close();
});

/** HAProxy sends a new socket to the least busy sidecar; reload until bob is not where alice is (bounded). */
async function landOnAnotherSidecar(bob: ChatUser, bobNode: () => string | null, aliceNode: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await expect.poll(() => bobNode()).not.toBeNull();
    if (bobNode() !== aliceNode) return;
    await bob.page.reload();
    await bob.room.expectOnline();
  }
  expect(bobNode(), "bob reached another sidecar").not.toBe(aliceNode);
}

async function apiHistory(user: ChatUser, roomId: string): Promise<{ body: string; seq: number }[]> {
  const response = await user.page.request.get(`/api/rooms/${roomId}/messages?limit=100`);
  const { messages } = (await response.json()) as { messages: { body: string; seq: number }[] };
  return messages.reverse();
}
