import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { ServerFrame } from "../../protocol";
import { upgradeStatus, type TestClient } from "../../realtime/test/helpers";
import { waitFor } from "../wait-for";
import { withoutIds, type Answer } from "./answer";
import type { Target } from "./world";

/** Frames that answer a client frame; broadcasts (message, presence, typing) are not answers. */
const answerTypes = new Set<ServerFrame["type"]>(["ack", "error", "subscribed", "unsubscribed"]);

/*
 * Sends one frame and collects every answer to it. A socket handles its
 * frames in order, so once a marker frame sent after it is answered, every
 * answer the frame will ever get has arrived: "none" is proven by the marker,
 * not by waiting. A send is answered after its commit, so its ack (or error)
 * is awaited first.
 */
export async function exchange(socket: TestClient, build: (ids: { clientMsgId: string; reqId: string }) => object, target: Target): Promise<Answer> {
  const ids = { clientMsgId: randomUUID(), reqId: `req-${randomUUID()}` };
  const frame = build(ids) as { type: string };
  const start = socket.frames.length;
  socket.send(frame);
  if (frame.type === "send") {
    await waitFor(() => {
      const answered = socket.frames
        .slice(start)
        .some((f) => (f.type === "ack" && f.clientMsgId === ids.clientMsgId) || (f.type === "error" && f.ref === ids.clientMsgId));
      if (!answered) throw new Error("send not answered yet");
    }, { timeoutMs: 15_000 });
  }
  const marker = `marker-${randomUUID()}`;
  socket.send({ type: "unsubscribe", room: marker });
  const end = await socket.next("unsubscribed", (f) => f.room === marker, 15_000);
  const answers = socket.frames.slice(start, socket.frames.indexOf(end)).filter((f) => answerTypes.has(f.type));
  const summary = answers.map((f) => (f.type === "error" ? `error ${f.code}` : f.type)).join(" + ") || "none";
  const json = JSON.stringify(answers.map(comparable)).split(ids.clientMsgId).join(":clientMsgId").split(ids.reqId).join(":reqId");
  const detail = withoutIds(json, target);
  return { summary, detail };
}

/** The parts of an answer that must not differ between a hidden room and a missing one (lastSeq and seq do by nature). */
function comparable(frame: ServerFrame): unknown {
  if (frame.type === "error") return { type: frame.type, code: frame.code, message: frame.message, ref: frame.ref };
  if (frame.type === "subscribed") return { type: frame.type, room: frame.room, recovered: frame.recovered };
  return { type: frame.type };
}

/** Ways to come without a valid session; an anonymous cell tries the next one. */
const anonymousWays = [
  async () => ({}),
  async () => ({ token: "not-a-jwt" }),
  async () => ({ cookie: "next-auth.session-token=garbage" }),
  async () => ({ token: await encode({ token: { sub: randomUUID(), username: "mx_forged" }, secret: "some-other-secret-0123456789" }) }),
];
let anonymousTurn = 0;

export async function anonymousUpgrade(port: number): Promise<Answer> {
  const way = anonymousWays[anonymousTurn++ % anonymousWays.length]!;
  const summary = `upgrade ${await upgradeStatus(port, await way())}`;
  return { summary, detail: summary };
}
