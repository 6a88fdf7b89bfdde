import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createRoom } from "../../db/queries/rooms";
import { createUser } from "../../db/queries/users";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { mintSessionToken } from "../../test/support/tokens";
import { loadRealtimeConfig, type RealtimeConfig, type RealtimeLimits } from "../env";
import { startSidecar, type Sidecar } from "../server";
import { closeClients } from "./test-client";

export { closeClients, TestClient, upgradeStatus, upgradeStatusOf } from "./test-client";

export const secret = "integration-test-secret-0123456789";
export const webOrigin = "http://127.0.0.1:3000";

export type Stack = { db: TestDatabase; sidecar: Sidecar; port: number; config: RealtimeConfig };

/** What a test sidecar differs in: limits and batch settings, and env on top of the defaults. */
export type StackOptions = { limits?: Partial<RealtimeLimits>; batch?: RealtimeConfig["batch"]; env?: Record<string, string> };

/** The config of a test sidecar: silent, any free port. */
export function testConfig(databaseUrl: string, { limits = {}, batch, env = {} }: StackOptions = {}): RealtimeConfig {
  const base = loadRealtimeConfig({ DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, LOG_LEVEL: "silent", ...env });
  return { ...base, port: 0, nodeId: "test-node", limits: { ...base.limits, ...limits }, batch: batch ?? base.batch };
}

/** A fresh database and a real sidecar (in this process) on a free port. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase("chat_rt");
  const config = testConfig(db.url, options);
  const sidecar = await startSidecar(config);
  return { db, sidecar, port: sidecar.port, config };
}

export async function stopStack(stack: Stack | undefined): Promise<void> {
  closeClients();
  await stack?.sidecar.stop();
  await stack?.db.drop();
}

export type TestUser = { id: string; username: string; token: string };

export async function makeUser(stack: Pick<Stack, "db">, username: string): Promise<TestUser> {
  const user = await createUser(stack.db.db, { username, passwordHash: "x" });
  assert.ok(user, `user ${username} created`);
  return { id: user.id, username, token: await mintSessionToken(user, { secret }) };
}

export async function makeRoom(stack: Pick<Stack, "db">, owner: TestUser, kind: "public" | "private" = "public") {
  return createRoom(stack.db.db, { name: `room-${randomUUID().slice(0, 8)}`, kind, ownerId: owner.id });
}
