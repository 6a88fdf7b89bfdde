import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import { createRoom } from "../../db/queries/rooms";
import { createUser } from "../../db/queries/users";
import { serverFrame, type ServerFrame, type ServerFrameOf } from "../../protocol";
import { newSessionClaims } from "../../protocol/session-claims";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { defaultWaitMs, waitFor } from "../../test/wait-for";
import { loadRealtimeConfig, type RealtimeConfig, type RealtimeLimits } from "../env";
import { startSidecar, type Sidecar } from "../server";

export const secret = "integration-test-secret-0123456789";
export const webOrigin = "http://127.0.0.1:3000";

export type Stack = { db: TestDatabase; sidecar: Sidecar; port: number; config: RealtimeConfig };

/** The config of a test sidecar: silent, any free port, env on top of the defaults. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}, limits: Partial<RealtimeLimits> = {}) {
  const base = loadRealtimeConfig({ DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, LOG_LEVEL: "silent", ...env });
  return { ...base, port: 0, nodeId: "test-node", limits: { ...base.limits, ...limits } } satisfies RealtimeConfig;
}

/** A fresh database and a real sidecar on a free port. */
export async function startStack(
  limits: Partial<RealtimeLimits> = {},
  batch?: RealtimeConfig["batch"],
  env: Record<string, string> = {},
): Promise<Stack> {
  const db = await createTestDatabase("chat_rt");
  const base = testConfig(db.url, env, limits);
  const config: RealtimeConfig = { ...base, batch: batch ?? base.batch };
  const sidecar = await startSidecar(config);
  return { db, sidecar, port: sidecar.port, config };
}

export async function stopStack(stack: Stack | undefined): Promise<void> {
  await stack?.sidecar.stop();
  await stack?.db.drop();
}

export type TestUser = { id: string; username: string; token: string };

export async function makeUser(stack: Pick<Stack, "db">, username: string): Promise<TestUser> {
  const user = await createUser(stack.db.db, { username, passwordHash: "x" });
  assert.ok(user, `user ${username} created`);
  return { id: user.id, username, token: await mintToken(user.id, username) };
}

/** A session token as the web app issues it (next-auth's own encode): a new sign-in at session version sv. */
export function mintToken(sub: string, username: string, maxAge?: number, sv = 0): Promise<string> {
  return encode({ token: newSessionClaims({ id: sub, username }, sv), secret, maxAge });
}

export async function makeRoom(stack: Pick<Stack, "db">, owner: TestUser, kind: "public" | "private" = "public") {
  return createRoom(stack.db.db, { name: `room-${randomUUID().slice(0, 8)}`, kind, ownerId: owner.id });
}

type ConnectOptions = { token?: string; cookie?: string; origin?: string };

function openSocket(port: number, options: ConnectOptions): WebSocket {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  return new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers, ...(options.origin ? { origin: options.origin } : {}) });
}

/** The HTTP status the upgrade got: 101 when a socket opened. */
export function upgradeStatus(port: number, options: ConnectOptions): Promise<number> {
  return upgradeStatusOf(openSocket(port, options));
}

/** The HTTP status a socket's upgrade got: 101 when it opened (the socket is then closed). */
export function upgradeStatusOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", (error) => reject(error));
  });
}

/** A real WebSocket client that records every frame (each checked against the protocol schema). */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => this.frames.push(serverFrame.parse(JSON.parse(String(data)))));
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  static async connect(port: number, user: TestUser, options: ConnectOptions = {}): Promise<TestClient> {
    const client = new TestClient(openSocket(port, { token: user.token, ...options }));
    await client.next("ready");
    return client;
  }

  send(frame: object | string): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  all<T extends ServerFrame["type"]>(type: T, where: (f: ServerFrameOf<T>) => boolean = () => true): ServerFrameOf<T>[] {
    return this.frames.filter((f): f is ServerFrameOf<T> => f.type === type && where(f as ServerFrameOf<T>));
  }

  /** The first frame of this type matching `where`, waiting for it if need be. */
  next<T extends ServerFrame["type"]>(type: T, where: (f: ServerFrameOf<T>) => boolean = () => true, timeoutMs = defaultWaitMs) {
    return waitFor(
      () => {
        const found = this.all(type, where)[0];
        assert.ok(found, `expected a ${type} frame`);
        return found;
      },
      { timeoutMs },
    );
  }

  async subscribe(room: string, since?: number) {
    this.send({ type: "subscribe", room, ...(since === undefined ? {} : { since }) });
    return this.next("subscribed", (f) => f.room === room);
  }

  async sendMessage(room: string, body: string, clientMsgId: string = randomUUID()) {
    this.send({ type: "send", room, clientMsgId, body });
    return this.next("ack", (f) => f.clientMsgId === clientMsgId);
  }

  /** Send a frame with a fresh reqId (edit, delete, react); its answer, an ack or an error. */
  async request(frame: Record<string, unknown>): Promise<ServerFrame> {
    const reqId = randomUUID();
    this.send({ ...frame, reqId });
    return waitFor(() => {
      const answer = this.frames.find((f) => (f.type === "ack" && f.reqId === reqId) || (f.type === "error" && f.ref === reqId));
      assert.ok(answer, `an answer to ${reqId}`);
      return answer;
    });
  }

  async waitClosed(): Promise<{ code: number; reason: string }> {
    return waitFor(() => {
      assert.ok(this.closed, "expected the socket to close");
      return this.closed;
    });
  }

  close(): void {
    this.ws.close();
  }
}
