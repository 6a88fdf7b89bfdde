import type { BrokerEvent } from "./broker";

/*
 * Wire form of a broker event: `<origin><kind><seqs>|<frames>`. The origin is
 * a fixed-length instance id, so a sidecar recognises (and drops) its own
 * events, and reads the seqs, without parsing the JSON frames. Changes carry
 * a comma-separated seq list and their frames joined by newlines: a batch's
 * changes to one room travel as one message, and JSON.stringify output never
 * holds a raw newline. A user event carries the user id where changes carry seqs.
 */
export const originLength = 12;

const kindCode = { changes: "c", ephemeral: "e", presence: "p", user: "u" } as const;

export function encodeEvent(origin: string, event: BrokerEvent): string {
  const code = kindCode[event.kind];
  if (event.kind === "changes") {
    const { changes } = event;
    return `${origin}${code}${changes.map((c) => c.seq).join(",")}|${changes.map((c) => c.frame).join("\n")}`;
  }
  if (event.kind === "ephemeral") return `${origin}${code}|${event.frame}`;
  if (event.kind === "user") return `${origin}${code}${event.userId}|${event.frame}`;
  return `${origin}${code}|`;
}

/** Null for our own events and for anything malformed. */
export function decodeEvent(self: string, text: string): BrokerEvent | null {
  if (text.length < originLength + 2 || text.startsWith(self)) return null;
  const code = text[originLength];
  const bar = text.indexOf("|", originLength + 1);
  if (bar < 0) return null;
  const frame = text.slice(bar + 1);
  if (code === kindCode.ephemeral) return { kind: "ephemeral", frame };
  if (code === kindCode.presence) return { kind: "presence" };
  if (code === kindCode.user) return { kind: "user", userId: text.slice(originLength + 1, bar), frame };
  if (code !== kindCode.changes) return null;
  const seqs = text.slice(originLength + 1, bar).split(",").map(Number);
  const frames = frame.split("\n");
  if (frames.length !== seqs.length || !seqs.every((seq) => Number.isSafeInteger(seq) && seq > 0)) return null;
  return { kind: "changes", changes: seqs.map((seq, i) => ({ seq, frame: frames[i]! })) };
}
