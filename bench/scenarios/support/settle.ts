import { rssKb, sleep } from "./limits";

/** RSS once it stops moving (two readings 1 s apart within 1%), or the last reading after maxMs. */
export async function settledRssKb(pid: number, maxMs = 10_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  let previous = await rssKb(pid);
  while (Date.now() < deadline) {
    await sleep(1000);
    const current = await rssKb(pid);
    if (Math.abs(current - previous) <= previous * 0.01) return current;
    previous = current;
  }
  return previous;
}
