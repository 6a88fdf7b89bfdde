import { setTimeout as sleep } from "node:timers/promises";
import type { ChaosClient } from "./chat-client";
import type { ChaosStack } from "./stack";

/*
 * The faults, on a fixed timeline while every client keeps sending: a random
 * sidecar kill -9'd and restarted every few seconds, Redis stopped for a
 * while, PostgreSQL restarted once. The sleeps here are the schedule itself,
 * not waits for a condition.
 */
export type ChaosPlan = {
  sendForMs: number;
  killEveryMs: number;
  redisDownAtMs: number;
  redisDownForMs: number;
  postgresRestartAtMs: number;
};

export const defaultPlan: ChaosPlan = { sendForMs: 60_000, killEveryMs: 5_000, redisDownAtMs: 20_000, redisDownForMs: 10_000, postgresRestartAtMs: 40_000 };

type Clock = { at: (ms: number) => Promise<unknown>; note: (what: string) => void };

export async function runChaos(stack: ChaosStack, clients: ChaosClient[], plan: ChaosPlan, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const clock: Clock = {
    at: (ms) => sleep(Math.max(0, started + ms - Date.now())),
    note: (what) => log(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`),
  };
  for (const client of clients) client.startSending();
  const retrier = setInterval(() => clients.forEach((c) => c.retryFailed()), 2000);
  const faults = Promise.all([crashSidecars(stack, plan, clock), redisOutage(stack, plan, clock), postgresRestart(stack, plan, clock)]);
  try {
    await clock.at(plan.sendForMs);
    for (const client of clients) client.stopSending();
    clock.note("sending stopped");
    await faults;
  } finally {
    clearInterval(retrier);
    for (const client of clients) client.stopSending();
  }
}

/** Every few seconds a random sidecar is kill -9'd and started again (same port, same name). */
async function crashSidecars(stack: ChaosStack, plan: ChaosPlan, { at, note }: Clock): Promise<void> {
  for (let t = plan.killEveryMs; t < plan.sendForMs - plan.killEveryMs; t += plan.killEveryMs) {
    await at(t);
    const name = stack.cluster.names[Math.floor(Math.random() * stack.cluster.names.length)]!;
    note(`kill -9 ${name}`);
    await stack.cluster.crashSidecar(name);
    await stack.cluster.startSidecar(name);
    note(`${name} back`);
  }
}

async function redisOutage(stack: ChaosStack, plan: ChaosPlan, { at, note }: Clock): Promise<void> {
  await at(plan.redisDownAtMs);
  note(await stack.redis.goDown());
  await at(plan.redisDownAtMs + plan.redisDownForMs);
  note(await stack.redis.comeBack());
}

async function postgresRestart(stack: ChaosStack, plan: ChaosPlan, { at, note }: Clock): Promise<void> {
  await at(plan.postgresRestartAtMs);
  note("postgres restart");
  await stack.postgres.restart();
  note("postgres back");
}

/** After the faults: every client gets its outbox acked (retrying failed sends, as a user would). */
export async function drain(clients: ChaosClient[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const client of clients) client.retryFailed();
    if (clients.every((c) => c.unacked === 0)) return true;
    await sleep(250);
  }
  return false;
}
