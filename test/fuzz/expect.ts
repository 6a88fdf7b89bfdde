import { parseClientFrame, type ServerFrame } from "../../protocol";
import type { Wire } from "./mutate";

/*
 * The answer a frame must get, worked out with the protocol's own parser
 * (the one the sidecar runs), so the oracle cannot drift from the server:
 *   - reply:  exactly one answer, in order (frames of a socket are handled
 *             one after another): the frame's success reply, or an error
 *             echoing its ref. A frame the parser refuses: bad_request.
 *   - silent: typing and read have no reply unless refused; a probe with a
 *             known answer follows each, so "no reply" is seen, not assumed.
 *   - keyed:  a send is answered when its batch commits, possibly after later
 *             frames: one ack or error carrying its clientMsgId.
 *   - close:  a frame that must end the connection (see shots.ts).
 * Any frame may instead be ended by a contract close (abuse, slow consumer).
 */
export type Expectation =
  | { kind: "reply"; what: string; ref: string | undefined; accept: (answer: ServerFrame) => boolean }
  | { kind: "silent"; what: string; room: string; ref: string }
  | { kind: "keyed"; what: string; clientMsgId: string }
  | { kind: "close"; what: string; codes: readonly number[] };

export function describeWire(wire: Wire): string {
  const text = typeof wire.data === "string" ? wire.data : wire.data.toString("utf8");
  const shown = text.length > 160 ? `${text.slice(0, 160)}... (${text.length} chars)` : text;
  return `[${wire.label}${wire.binary ? ", binary" : ""}] ${JSON.stringify(shown)}`;
}

const isError = (a: ServerFrame, ref: string | undefined) => a.type === "error" && a.ref === ref;

export function expectationOf(wire: Wire): Expectation {
  const what = describeWire(wire);
  // The sidecar decodes every frame, binary or text, as UTF-8 (replacement characters for bad bytes).
  const parsed = parseClientFrame(typeof wire.data === "string" ? wire.data : wire.data.toString("utf8"));
  // A binary frame may also be refused as such, without a ref.
  const refusedBinary = (a: ServerFrame) => wire.binary && a.type === "error" && a.code === "bad_request";
  if (!parsed.ok) {
    // An empty ref is not echoed.
    const ref = parsed.ref || undefined;
    return { kind: "reply", what, ref, accept: (a) => refusedBinary(a) || (isError(a, ref) && a.type === "error" && a.code === "bad_request") };
  }
  const frame = parsed.frame;
  const reply = (ok: (a: ServerFrame) => boolean, ref: string): Expectation => ({
    kind: "reply",
    what,
    ref,
    accept: (a) => ok(a) || isError(a, ref) || refusedBinary(a),
  });
  switch (frame.type) {
    case "subscribe":
      return reply((a) => a.type === "subscribed" && a.room === frame.room, frame.room);
    case "unsubscribe":
      return reply((a) => a.type === "unsubscribed" && a.room === frame.room, frame.room);
    case "edit":
    case "delete":
    case "react":
      return reply((a) => a.type === "ack" && a.reqId === frame.reqId && a.room === frame.room && a.id === frame.id, frame.reqId);
    case "send":
      return { kind: "keyed", what, clientMsgId: frame.clientMsgId };
    case "typing":
    case "read":
      return { kind: "silent", what, room: frame.room, ref: frame.room };
    default:
      throw new Error(`fuzz: no expected answer for frame type "${(frame as { type: string }).type}"; add it to test/fuzz/expect.ts`);
  }
}

/** The frame after a silent one: its answer proves the silent frame was handled. */
export function probeFrame(n: number): { text: string; room: string } {
  const room = `probe-${n}`;
  return { text: JSON.stringify({ type: "unsubscribe", room }), room };
}
