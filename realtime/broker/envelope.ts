import type { BrokerEvent } from "./broker";

/*
 * Wire form of a broker event: `<origin><kind><seq>|<frame>`. The origin is a
 * fixed-length instance id, so a sidecar recognises (and drops) its own
 * events, and reads the seq, without parsing the JSON frame.
 */
export const originLength = 12;

const kindCode = { change: "c", ephemeral: "e", presence: "p" } as const;

export function encodeEvent(origin: string, event: BrokerEvent): string {
  const code = kindCode[event.kind];
  if (event.kind === "change") return `${origin}${code}${event.seq}|${event.frame}`;
  if (event.kind === "ephemeral") return `${origin}${code}|${event.frame}`;
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
  if (code !== kindCode.change) return null;
  const seq = Number(text.slice(originLength + 1, bar));
  return Number.isSafeInteger(seq) && seq > 0 ? { kind: "change", seq, frame } : null;
}
