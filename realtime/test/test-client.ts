import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { serverFrame, type ServerFrame, type ServerFrameOf } from "../../protocol";
import { openPastUpgrade } from "../../test/support/upgrade-drop";
import { defaultWaitMs, waitFor } from "../../test/wait-for";

export type ConnectOptions = { token?: string; cookie?: string; origin?: string };

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

/** Clients not closed yet: a test that fails half-way leaves them to closeClients (an afterEach hook). */
const openClients = new Set<TestClient>();

export function closeClients(): void {
  for (const client of openClients) client.ws.terminate();
  openClients.clear();
}

/** A real WebSocket client that records every frame (each checked against the protocol schema). */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    openClients.add(this);
    ws.on("message", (data) => this.frames.push(serverFrame.parse(JSON.parse(String(data)))));
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
      openClients.delete(this);
    });
  }

  /** A socket past `ready` that survived its upgrade (test/support/upgrade-drop.ts); one that did not is opened again. */
  static connect(port: number, user: { id: string; username: string; token: string }, options: ConnectOptions = {}): Promise<TestClient> {
    const open = async () => {
      const client = new TestClient(openSocket(port, { token: user.token, ...options }));
      await client.next("ready");
      return client;
    };
    return openPastUpgrade(open, (client) => ({ ws: client.ws, closedWith: client.closed?.code }));
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

  /** Subscribe and wait for `subscribed`; an error answer (or none) fails with what the socket did get. */
  async subscribe(room: string, since?: number) {
    const from = this.frames.length;
    this.send({ type: "subscribe", room, ...(since === undefined ? {} : { since }) });
    const answer = await waitFor(() => {
      const answers = this.frames.slice(from);
      const found = answers.find((f) => (f.type === "subscribed" && f.room === room) || (f.type === "error" && f.ref === room));
      assert.ok(found, `expected a subscribed frame for ${room}, got ${JSON.stringify({ closed: this.closed, frames: answers.map((f) => f.type) })}`);
      return found;
    });
    assert.equal(answer.type, "subscribed", `subscribe ${room} refused: ${JSON.stringify(answer)}`);
    return answer as ServerFrameOf<"subscribed">;
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
