import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { test } from "node:test";
import { createRoom } from "../../db/queries/rooms";
import { defaultLimits } from "../../protocol";
import { makeUser } from "../../realtime/test/helpers";
import { waitFor } from "../wait-for";
import { Bystander } from "./bystanders";
import { fuzzOneUser } from "./fuzz-run";
import { createRng } from "./prng";
import { startFuzzStack } from "./stack";
import { FuzzStats } from "./stats";
import { World } from "./world";

/*
 * Protocol fuzzing (issue 8, deliverable 9). FUZZ_FRAMES frames (default
 * 100,000) made from the protocol's zod schemas, most of them mutated (see
 * mutate.ts, shots.ts), go to a real sidecar process from several fuzz users
 * while two bystanders chat in the room being fuzzed. It passes when the
 * sidecar never exits, every frame gets its answer (an error, its reply, or a
 * close it may get), no frame is answered `internal`, the bystanders see
 * nothing of it, and the sidecar's memory comes back down afterwards.
 * Every run prints its seed; FUZZ_SEED=<seed> replays it.
 */
const seed = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const frames = Number(process.env.FUZZ_FRAMES ?? 100_000);
/** One socket each; a socket's frames are handled one after another, so the run's pace is set by how many there are. */
const fuzzUsers = 8;

/**
 * The fuzzed sidecar's environment: THE one place its limits are raised, so
 * that fuzz frames reach the parser and the handlers instead of stopping at a
 * limit (a few still do: rate_limited answers and 4008 closes are fine).
 * A limit added later that 8 users x 1 socket, ~150 reconnects from
 * 127.0.0.1, or ~1,000 frames/s would hit belongs here.
 */
const sidecarEnv: Record<string, string> = {
  SEND_RATE_LIMIT: "1000000",
  SEND_RATE_WINDOW_SECONDS: "10",
};

const limits = {
  maxFrameBytes: defaultLimits.frameBytes,
  hardFrameBytes: Math.max(defaultLimits.frameBytes * 4, 64 * 1024),
  maxBodyCodePoints: defaultLimits.bodyCodePoints,
};
/**
 * How far above its baseline the sidecar's RSS may stay once idle. V8 gives
 * the heap it grew back some 30-40 s after the load stops (its memory
 * reducer); what a leak holds stays.
 */
const rssSlack = (baseline: number) => Math.max(baseline * 0.25, 32 * 1024 * 1024);
/** One line per kind of failure: how many, and the first few. */
function summarize(what: string, list: string[], count = list.length): string[] {
  return list.length ? [`${what}: ${count}, e.g.\n    ${list.slice(0, 3).join("\n    ")}`] : [];
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

test(`protocol fuzz: ${frames} frames at a running sidecar while two users chat`, { timeout: 900_000 }, async () => {
  console.log(`fuzz: seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_FRAMES=${frames})`);
  const stack = await startFuzzStack(sidecarEnv);
  const { db, sidecar } = stack;
  try {
    const [alice, bob] = [await makeUser({ db }, "alice"), await makeUser({ db }, "bob")];
    const chat = await createRoom(db.db, { name: "fuzzed", kind: "public", ownerId: alice.id });
    const hidden = await createRoom(db.db, { name: "hidden", kind: "private", ownerId: alice.id });
    const bystanders = [await Bystander.join(sidecar.port, alice, chat.id), await Bystander.join(sidecar.port, bob, chat.id)];
    for (const b of bystanders) b.startChatting(40);
    await waitFor(() => assert.ok(bystanders.every((b) => b.client.all("ack").length >= 20)), { timeoutMs: 60_000 });
    const baseline = sidecar.rssBytes();

    const startedAt = Date.now();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, sidecar.rssBytes())), 250);
    const rng = createRng(seed);
    const stats = new FuzzStats();
    const shouldStop = () => sidecar.exit() !== null || stats.problems.length >= 200;
    const runs: Promise<void>[] = [];
    for (let i = 0; i < fuzzUsers; i++) {
      const user = await makeUser({ db }, `fuzzer${i}`);
      const own = await createRoom(db.db, { name: `own-${i}`, kind: "public", ownerId: user.id });
      const world = new World({ chat: chat.id, own: own.id, private: hidden.id });
      const share = Math.floor(frames / fuzzUsers) + (i < frames % fuzzUsers ? 1 : 0);
      const options = { port: sidecar.port, token: user.token, world, stats, limits, window: 200, answerTimeoutMs: 60_000, shouldStop };
      runs.push(fuzzOneUser({ ...options, rng: rng.fork(), frames: share }));
    }
    await Promise.all(runs).finally(() => clearInterval(sampler));
    const seconds = (Date.now() - startedAt) / 1000;

    for (const b of bystanders) await b.stop();
    // A last message after the fuzz, seen by both: everything before it has been delivered.
    const marker = bystanders[0]!.say("marker");
    for (const b of bystanders) await b.client.next("message", (f) => f.message.clientMsgId === marker, 30_000);
    const bystanderProblems = await Promise.all(bystanders.map(async (b) => [b.user.username, await b.problems(db.db)] as const));
    const rss = await waitFor(
      () => {
        const now = sidecar.rssBytes();
        assert.ok(now <= baseline + rssSlack(baseline));
        return now;
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    ).catch(() => sidecar.rssBytes());

    console.log(`fuzz: ${stats.summary()}`);
    console.log(`fuzz: ${frames} frames in ${seconds.toFixed(1)} s; bystanders sent ${bystanders.map((b) => b.sentCount).join(" + ")}; RSS baseline ${mib(baseline)}, peak ${mib(peak)}, after ${mib(rss)}`);
    if (sidecar.errorLogs.length) console.log(`fuzz: sidecar error log, first lines:\n${sidecar.errorLogs.slice(0, 30).join("\n")}`);

    const failures = [
      ...(sidecar.exit() ? [`the sidecar ${sidecar.exit()}`] : []),
      ...summarize("frames not answered as they should be", stats.problems),
      ...summarize("frames answered internal", stats.internal, stats.answers.get("error:internal")),
      ...bystanderProblems.flatMap(([who, found]) => [...found].flatMap(([kind, list]) => summarize(`bystander ${who}: ${kind}`, list))),
      ...(stats.frames < frames ? [`sent only ${stats.frames} of ${frames} frames`] : []),
      ...(stats.answered() < 0.9 * stats.frames ? [`only ${stats.answered()} frames answered before a close; most must reach the handlers`] : []),
      ...(rss > baseline + rssSlack(baseline) ? [`RSS ${mib(rss)} did not come back near its baseline ${mib(baseline)}`] : []),
    ];
    assert.deepEqual(failures, [], `protocol fuzz failed (replay: FUZZ_SEED=${seed} FUZZ_FRAMES=${frames})`);
  } finally {
    await stack.stop();
  }
});
