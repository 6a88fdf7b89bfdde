import { binaryFrame, mutateFrame, type Wire } from "./mutate";
import type { Rng } from "./prng";
import { arbitraryFrame, frameTypes, type Hints } from "./schema-arbitrary";

/*
 * What the fuzzer sends next. Most frames are pipelined in windows. Frames
 * that end the connection by design go alone, on a connection whose earlier
 * frames are all answered, so the close is attributed to them exactly:
 *   - over the frame limit: close 1009 (contract);
 *   - over the WebSocket layer's hard limit, or a text frame that is not
 *     UTF-8: uWS drops the connection without a close frame (1006);
 *   - a flood: more frames at once than a socket may have waiting: 4008.
 */
export type Shot =
  | { kind: "pipelined"; wire: Wire }
  /** Alone, and must end the connection with one of `closes`. */
  | { kind: "closing"; wire: Wire; closes: readonly number[] }
  /** Alone, all at once: each frame answered, or the socket closed 4008. */
  | { kind: "flood"; wires: Wire[] };

export type FrameLimits = { maxFrameBytes: number; hardFrameBytes: number };

/** Closes uWS itself makes, with no close frame: the client sees 1006. Not in the contract (reported). */
export const droppedByWebSocketLayer = 1006;

/**
 * How often each frame type is drawn (1 for a type not listed). The frames
 * each handler answers after a database write (edit, delete, react, read,
 * subscribe) are drawn less, so 100,000 frames fit in CI time; every type is
 * still drawn thousands of times a run.
 */
const typeWeights: Record<string, number> = { send: 3, typing: 2, unsubscribe: 2 };

export function nextShot(rng: Rng, hints: Hints, limits: FrameLimits): Shot {
  const frame = () => arbitraryFrame(rng, hints, rng.weighted(frameTypes.map((t) => [typeWeights[t] ?? 1, t] as const)));
  return rng.weighted<() => Shot>([
    [9900, () => pipelined(mutateFrame(rng, frame(), limits.maxFrameBytes), limits)],
    [300, () => pipelined(binaryFrame(rng, frame()), limits)],
    [8, () => closing(oversized(rng, frame(), limits.maxFrameBytes + 1, limits.hardFrameBytes), [1009])],
    [3, () => closing(oversized(rng, frame(), limits.hardFrameBytes + 1, 4 * 1024 * 1024), [droppedByWebSocketLayer])],
    [8, () => closing(invalidUtf8(rng, frame()), [droppedByWebSocketLayer])],
    [1, () => ({ kind: "flood", wires: flood(rng, hints) })],
  ])();
}

function pipelined(wire: Wire, limits: FrameLimits): Shot {
  const size = typeof wire.data === "string" ? Buffer.byteLength(wire.data) : wire.data.length;
  if (size <= limits.maxFrameBytes) return { kind: "pipelined", wire };
  return closing(wire, [size > limits.hardFrameBytes ? droppedByWebSocketLayer : 1009]);
}

const closing = (wire: Wire, closes: readonly number[]): Shot => ({ kind: "closing", wire, closes });

function oversized(rng: Rng, frame: Record<string, unknown>, minBytes: number, maxBytes: number): Wire {
  const size = rng.between(minBytes, maxBytes);
  const shell = JSON.stringify({ ...frame, body: "" });
  const data = shell.replace('"body":""', `"body":"${"x".repeat(Math.max(0, size - shell.length))}"`);
  return { data, binary: rng.chance(0.2), label: "oversized" };
}

const badSequences = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]];

function invalidUtf8(rng: Rng, frame: Record<string, unknown>): Wire {
  const json = Buffer.from(JSON.stringify(frame));
  const at = rng.int(json.length + 1);
  const data = Buffer.concat([json.subarray(0, at), Buffer.from(rng.pick(badSequences)), json.subarray(at)]);
  return { data, binary: false, label: "invalid utf-8" };
}

/**
 * A burst sent in one go. Cheap frames are handled as fast as they arrive,
 * so all are answered; frames that wait for the database pile up, and past
 * the socket's queue limit (1000) the socket is closed 4008.
 */
function flood(rng: Rng, hints: Hints): Wire[] {
  const room = () => String(hints.room?.(rng) ?? "x");
  const [count, one] = rng.pick<readonly [number, () => string]>([
    [rng.between(200, 1300), () => "{}"],
    [rng.between(200, 1300), () => JSON.stringify({ type: "unsubscribe", room: room() })],
    [rng.between(1001, 1300), () => JSON.stringify({ type: "subscribe", room: room() })],
  ]);
  return Array.from({ length: count }, () => ({ data: one(), binary: false, label: "flood" }));
}
