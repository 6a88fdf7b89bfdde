import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { reactions } from "../../db/schema";
import { CloseCode, type ServerFrame } from "../../protocol";
import { startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeRoom, makeUser, TestClient } from "./helpers";

/* Two sidecars sharing Redis: a user's reaction budget, and its refusals, are one across both. */
let stack: ClusterStack;

before(async () => {
  stack = await startClusterStack({ limits: { reactRateLimit: 2, frameRateWindowSeconds: 60 } });
});
afterEach(closeClients);
after(() => stopClusterStack(stack));

const react = (client: TestClient, room: string, id: string, emoji: string, on = true) =>
  client.request({ type: "react", room, id, emoji, on });

const codeOf = (frame: ServerFrame) => (frame.type === "error" ? frame.code : frame.type);

test("reactions are counted per user across sidecars; refusals on A and B add up to a 4008 close", async () => {
  const user = await makeUser(stack, "rosa");
  const room = await makeRoom(stack, user);
  const [portA, portB] = stack.ports as [number, number];
  const a = await TestClient.connect(portA, user);
  const b = await TestClient.connect(portB, user);
  const sent = await a.sendMessage(room.id, "react across sidecars");
  assert.equal(codeOf(await react(a, room.id, sent.id, "👍")), "ack");
  assert.equal(codeOf(await react(b, room.id, sent.id, "❤️")), "ack");
  assert.equal(codeOf(await react(a, room.id, sent.id, "🎉")), "rate_limited", "the budget is used up on A as well");
  assert.equal(codeOf(await react(b, room.id, sent.id, "🎉")), "rate_limited");
  assert.equal(codeOf(await react(a, room.id, sent.id, "🎉")), "rate_limited");
  assert.equal(codeOf(await react(b, room.id, sent.id, "🎉")), "rate_limited");
  const stored = await stack.db.db.select({ emoji: reactions.emoji }).from(reactions).where(eq(reactions.messageId, Number(sent.id)));
  assert.deepEqual(stored.map((r) => r.emoji).sort(), ["❤️", "👍"].sort());
  b.send({ type: "react", room: room.id, id: sent.id, emoji: "🎉", on: true, reqId: randomUUID() });
  assert.equal((await b.waitClosed()).code, CloseCode.abuse.code, "the fifth refusal, counted over both sidecars");
  assert.equal(a.closed, null);
  a.close();
});
