/* eslint-disable max-lines -- one socket's answer accounting; its halves share the queues of frames in flight */
import WebSocket from "ws";
import { CloseCode, serverFrame, type ServerFrame } from "../../protocol";
import { expectationOf, probeFrame, type Expectation } from "./expect";
import type { Wire } from "./mutate";
import type { FuzzStats } from "./stats";
import type { World } from "./world";
import { droppedNotice, survivedUpgrade } from "../support/upgrade-drop";

type Ordered = Exclude<Expectation, { kind: "keyed" }> | { kind: "probe"; room: string };

/** Contract closes that may end any frame: repeated abuse, a client that could not keep up. */
export const closesAnytime: readonly number[] = [CloseCode.abuse.code, CloseCode.slowConsumer.code];

/**
 * One fuzz user's socket, with the accounting that proves every frame got its
 * answer: in-order answers are matched against the queue of frames sent,
 * send answers by clientMsgId (see expect.ts).
 */
export class FuzzConnection {
  private ordered: Ordered[] = [];
  private keyed = new Map<string, { what: string; left: number }>();
  private closeCode: number | null = null;
  private waiters: { atMost: number; resolve: () => void }[] = [];
  private leaving = false;
  private opened = false;

  private constructor(
    private ws: WebSocket,
    private stats: FuzzStats,
    private world: World,
  ) {
    ws.on("message", (data) => this.onFrame(String(data)));
    ws.on("close", (code, reason) => this.onClose(code, String(reason)));
    // Writing into a connection the server just dropped fails here; the close event follows.
    ws.on("error", () => {});
  }

  static open(port: number, token: string, stats: FuzzStats, world: World): Promise<FuzzConnection> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` } });
    return new Promise((resolve, reject) => {
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
      ws.once("close", (code) => reject(new Error(`closed with ${code} before ready`)));
      ws.once("message", (data) => {
        const ready = serverFrame.safeParse(JSON.parse(String(data)));
        if (!ready.success || ready.data.type !== "ready") return reject(new Error(`first frame was not ready: ${String(data)}`));
        const connection = new FuzzConnection(ws, stats, world);
        // Not handed out (and its close not judged) until it has survived its upgrade; the caller retries.
        void survivedUpgrade(ws).then((alive) => {
          if (!alive) return reject(new Error(droppedNotice));
          connection.opened = true;
          resolve(connection);
        });
      });
    });
  }

  get closed(): boolean {
    return this.closeCode !== null;
  }

  /**
   * True if the frame's answer could be taken for another's: an error naming
   * a clientMsgId that a send in flight also has (a resend, mutated). Send it
   * once everything in flight is answered.
   */
  collides(expected: Expectation): boolean {
    if (expected.kind === "keyed") return this.ordered.some((e) => "ref" in e && e.ref === expected.clientMsgId);
    return expected.kind !== "close" && expected.ref !== undefined && this.keyed.has(expected.ref);
  }

  send(wire: Wire, expected = expectationOf(wire)): void {
    if (expected.kind === "keyed") {
      const entry = this.keyed.get(expected.clientMsgId) ?? { what: expected.what, left: 0 };
      entry.left++;
      this.keyed.set(expected.clientMsgId, entry);
      this.world.noteSent(expected.clientMsgId);
    } else this.ordered.push(expected);
    this.ws.send(wire.data, { binary: wire.binary });
    if (expected.kind === "silent") this.probe();
  }

  /** A frame that must end the connection with one of `codes`. */
  sendClosing(wire: Wire, codes: readonly number[]): void {
    this.ordered.push({ kind: "close", what: expectationOf(wire).what, codes });
    this.ws.send(wire.data, { binary: wire.binary });
  }

  /** Resolves once at most `atMost` frames sent wait for their answer (all answered by default), or the connection closed. */
  settled(atMost = 0): Promise<void> {
    if (this.isSettled(atMost)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ atMost, resolve }));
  }

  /** Frames (and probes) sent and not answered yet. */
  outstanding(): number {
    return this.ordered.length + this.keyed.size;
  }

  /** Frames still waiting for an answer, described (for a failure message). */
  unanswered(): string[] {
    return [...this.ordered.map((e) => ("what" in e ? e.what : `probe ${e.room}`)), ...[...this.keyed.values()].map((k) => k.what)];
  }

  /** Drop the connection from this side (done, or given up on): its close is not checked. */
  terminate(): void {
    this.leaving = true;
    this.ws.terminate();
  }

  private probe(): void {
    const probe = probeFrame(++this.stats.probes);
    this.ordered.push({ kind: "probe", room: probe.room });
    this.ws.send(probe.text);
  }

  private isSettled(atMost: number): boolean {
    return this.closed || this.outstanding() <= atMost;
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.isSettled(w.atMost));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private onFrame(text: string): void {
    const parsed = serverFrame.safeParse(JSON.parse(text));
    if (!parsed.success) return this.stats.problem(`server sent a frame outside the protocol: ${text.slice(0, 300)}`);
    const answer = parsed.data;
    if (answer.type === "message") return this.world.noteMessage(answer.message.id, answer.seq);
    if (answer.type === "ready" || answer.type === "presence" || answer.type === "typing") return;
    const key = answer.type === "ack" ? answer.clientMsgId : answer.type === "error" ? answer.ref : undefined;
    if (key !== undefined && this.keyed.has(key)) this.answerKeyed(key, answer, text);
    else this.answerInOrder(answer, text);
    this.wake();
  }

  private answerKeyed(clientMsgId: string, answer: ServerFrame, text: string): void {
    const entry = this.keyed.get(clientMsgId)!;
    if (--entry.left === 0) this.keyed.delete(clientMsgId);
    if (answer.type === "ack") this.world.noteMessage(answer.id, answer.seq);
    this.record(entry.what, answer, text);
  }

  private answerInOrder(answer: ServerFrame, text: string): void {
    for (;;) {
      const head = this.ordered.shift();
      if (!head) return this.stats.problem(`an answer to no frame: ${text.slice(0, 300)}`);
      if (head.kind === "silent") {
        if (answer.type === "error" && answer.ref === head.room) return this.record(head.what, answer, text);
        this.stats.silentNoReply++;
        continue;
      }
      if (head.kind === "probe") {
        if (answer.type !== "unsubscribed" || answer.room !== head.room) this.stats.problem(`probe ${head.room} got ${text.slice(0, 300)}`);
        return;
      }
      if (head.kind === "close") return this.stats.problem(`${head.what} should have closed the connection, got ${text.slice(0, 300)}`);
      if (!head.accept(answer)) this.stats.problem(`${head.what} got a wrong answer: ${text.slice(0, 300)}`);
      return this.record(head.what, answer, text);
    }
  }

  private record(what: string, answer: ServerFrame, text: string): void {
    this.stats.count(this.stats.answers, answer.type === "error" ? `error:${answer.code}` : answer.type);
    if (answer.type === "error" && answer.code === "internal" && this.stats.internal.length < 50) this.stats.internal.push(`${what} -> ${text.slice(0, 200)}`);
  }

  private onClose(code: number, reason: string): void {
    const head = this.ordered[0];
    const allowed = head?.kind === "close" ? head.codes : [];
    if (this.opened && !this.leaving && !allowed.includes(code) && !closesAnytime.includes(code)) {
      this.stats.problem(`closed with ${code} "${reason}", not a close these frames may get; first unanswered: ${this.unanswered()[0] ?? "none"}`);
    }
    this.stats.count(this.stats.closes, code);
    this.stats.endedByClose += this.ordered.filter((e) => e.kind !== "probe").length + [...this.keyed.values()].reduce((n, k) => n + k.left, 0);
    this.ordered = [];
    this.keyed.clear();
    this.closeCode = code;
    this.wake();
  }
}
