import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { startWeb } from "../../test/support/web";
import { WebClient } from "../../test/web-client";
import { mean, percentile } from "../lib/latency";
import { createRooms, fillRoom } from "../lib/seed";
import { createBenchDatabase } from "../lib/stack";
import type { Measurement, Scenario } from "../lib/types";

/*
 * History page cost vs history length: GET /api/rooms/{id}/messages?before=<random
 * seq> on the built Next app, one room of 1k messages and one of 1M (quick:
 * 100k), the same number of requests, interleaved, one at a time, after a
 * warm-up. Keyset pagination should make the page cost flat. Target:
 * p50(1M) <= 1.2x p50(1k).
 */
export const run: Scenario = async ({ quick, log }) => {
  const size = quick ? { big: 100_000, requests: 150, warmup: 30 } : { big: 1_000_000, requests: 600, warmup: 100 };
  const small = 1000;
  if (!existsSync(".next/BUILD_ID")) {
    log("history: no Next build; running next build");
    execFileSync("npx", ["next", "build"], { stdio: "ignore", timeout: 600_000 });
  }
  const database = await createBenchDatabase();
  const web = await startWeb({ databaseUrl: database.url });
  try {
    const client = await signedInClient(web.base);
    const [author] = await database.db.execute<{ id: string }>(sql`select id from users limit 1`);
    const [smallRoom, bigRoom] = await createRooms(database.db, author!.id, 2);
    log(`history: filling rooms with ${small} and ${size.big} messages`);
    await fillRoom(database.db, smallRoom!, author!.id, small);
    await fillRoom(database.db, bigRoom!, author!.id, size.big);
    const rooms = [{ id: smallRoom!, n: small }, { id: bigRoom!, n: size.big }];
    await timePages(client, rooms, size.warmup);
    const [smallTimes, bigTimes] = await timePages(client, rooms, size.requests);
    return summarize(smallTimes!, bigTimes!, size.big, size.requests);
  } finally {
    await web.stop();
    await database.drop();
  }
};

async function signedInClient(base: string): Promise<WebClient> {
  const client = new WebClient(base);
  const credentials = { username: "bench_reader", password: "bench-password-1" };
  const signup = await client.request("/api/signup", { method: "POST", json: credentials });
  if (signup.status !== 201) throw new Error(`history: signup answered ${signup.status}`);
  await client.signIn(credentials.username, credentials.password);
  if (!client.signedIn) throw new Error("history: sign-in failed");
  return client;
}

/** count pages per room, alternating rooms, each at a random `before`; milliseconds per page. */
async function timePages(client: WebClient, rooms: { id: string; n: number }[], count: number): Promise<number[][]> {
  const times = rooms.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [r, room] of rooms.entries()) {
      const before = 51 + Math.floor(Math.random() * (room.n - 50));
      const started = performance.now();
      const response = await client.request(`/api/rooms/${room.id}/messages?before=${before}`);
      const page = (await response.json()) as { messages: unknown[] };
      times[r]!.push(performance.now() - started);
      if (response.status !== 200 || page.messages.length !== 50) throw new Error(`history: page answered ${response.status} with ${page.messages?.length} messages`);
    }
  }
  return times;
}

function summarize(smallTimes: number[], bigTimes: number[], big: number, requests: number) {
  const stats = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: mean(sorted) };
  };
  const [s, b] = [stats(smallTimes), stats(bigTimes)];
  const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
  const measurements = [1000, big].flatMap((n, i): Measurement[] => {
    const st = i === 0 ? s : b;
    return [
      { subject: `history ${label(n)}`, metric: "page p50", value: st.p50, unit: "ms", detail: { messages: n, requests, p95: st.p95 } },
      { subject: `history ${label(n)}`, metric: "page mean", value: st.mean, unit: "ms", detail: { messages: n, requests } },
    ];
  });
  const ratio = b.p50 / s.p50;
  return {
    scenario: "history",
    measurements,
    ratios: [{ name: `history: p50 page ${label(big)} / 1k`, ratio, target: "<= 1.2", met: ratio <= 1.2 }],
    notes: [`mean ratio ${(b.mean / s.mean).toFixed(2)}; pages of 50, sequential requests through next start (one client)`],
  };
}
