import assert from "node:assert/strict";
import { createRoom } from "../../db/queries/rooms";
import { makeUser } from "../../realtime/test/helpers";
import { waitFor } from "../wait-for";
import { Bystander } from "./bystanders";
import { fuzzOneUser, type FuzzOptions } from "./fuzz-run";
import { createRng } from "./prng";
import type { WatchedSidecar } from "./sidecar-process";
import type { FuzzStack } from "./stack";
import { FuzzStats } from "./stats";
import { World } from "./world";

/** The room under fuzz: alice owns it and a private room; alice and bob chat in it. */
export type Chat = { roomId: string; hiddenId: string; bystanders: Bystander[] };

export async function startChat({ db, sidecar }: FuzzStack, everyMs: number): Promise<Chat> {
  const [alice, bob] = [await makeUser({ db }, "alice"), await makeUser({ db }, "bob")];
  const room = await createRoom(db.db, { name: "fuzzed", kind: "public", ownerId: alice.id });
  const hidden = await createRoom(db.db, { name: "hidden", kind: "private", ownerId: alice.id });
  const bystanders = [await Bystander.join(sidecar.port, alice, room.id), await Bystander.join(sidecar.port, bob, room.id)];
  for (const b of bystanders) b.startChatting(everyMs);
  await waitFor(() => assert.ok(bystanders.every((b) => b.client.all("ack").length >= 20)), { timeoutMs: 60_000 });
  return { roomId: room.id, hiddenId: hidden.id, bystanders };
}

/** Stop chatting; once a last message reached both, what went wrong for each, by kind. */
export async function endChat({ bystanders }: Chat, { db }: FuzzStack) {
  for (const b of bystanders) await b.stop();
  const marker = bystanders[0]!.say("marker");
  for (const b of bystanders) await b.client.next("message", (f) => f.message.clientMsgId === marker, 30_000);
  return Promise.all(bystanders.map(async (b) => [b.user.username, await b.problems(db.db)] as const));
}

type RunOptions = Pick<FuzzOptions, "limits" | "window" | "answerTimeoutMs"> & { seed: number; frames: number; users: number };

/** `users` fuzz users, one socket each, share the frames; the sidecar's RSS is sampled meanwhile. */
export async function fuzzChat({ db, sidecar }: FuzzStack, chat: Chat, o: RunOptions) {
  const stats = new FuzzStats();
  const rng = createRng(o.seed);
  const shouldStop = () => sidecar.exit() !== null || stats.problems.length >= 200;
  const runs: Promise<void>[] = [];
  const startedAt = Date.now();
  const peak = sampleRss(sidecar);
  for (let i = 0; i < o.users; i++) {
    const user = await makeUser({ db }, `fuzzer${i}`);
    const own = await createRoom(db.db, { name: `own-${i}`, kind: "public", ownerId: user.id });
    const world = new World({ chat: chat.roomId, own: own.id, private: chat.hiddenId });
    const frames = Math.floor(o.frames / o.users) + (i < o.frames % o.users ? 1 : 0);
    const fuzzing = fuzzOneUser({ ...o, port: sidecar.port, token: user.token, world, stats, shouldStop, rng: rng.fork(), frames });
    runs.push(fuzzing.catch((error: Error) => stats.problem(`fuzz user ${i} stopped: ${error.message}`)));
  }
  await Promise.all(runs).finally(() => peak.stop());
  return { stats, seconds: (Date.now() - startedAt) / 1000, peakRss: peak.value() };
}

function sampleRss(sidecar: WatchedSidecar) {
  let peak = sidecar.rssBytes();
  const timer = setInterval(() => (peak = Math.max(peak, sidecar.rssBytes())), 250);
  return { value: () => peak, stop: () => clearInterval(timer) };
}

/** The RSS once back within `slack` of the baseline, or, if it never gets there, the last reading. */
export async function idleRss(sidecar: WatchedSidecar, baseline: number, slack: number) {
  const since = Date.now();
  const bytes = await waitFor(
    () => {
      const now = sidecar.rssBytes();
      assert.ok(now <= baseline + slack);
      return now;
    },
    { timeoutMs: 180_000, intervalMs: 1000 },
  ).catch(() => sidecar.rssBytes());
  return { bytes, seconds: (Date.now() - since) / 1000 };
}
