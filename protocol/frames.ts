import { z } from "zod";
import { isReactionEmoji, maxEmojiLength } from "./emoji";
import { errorCode } from "./errors";
import { chatMessage, userRef } from "./message";
import { storableText } from "./text";

// Every string a client sends is storableText (text.ts): one NUL must not fail anyone else's write.
const roomId = storableText().min(1).max(64);
const cursor = z.number().int().nonnegative();
const reqId = storableText().min(1).max(64);
const messageId = storableText();

/** Frames a client sends. Every inbound frame is safeParse'd against this. */
export const clientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), room: roomId, since: cursor.optional() }),
  z.object({ type: z.literal("unsubscribe"), room: roomId }),
  z.object({ type: z.literal("send"), room: roomId, clientMsgId: z.uuid(), body: storableText() }),
  z.object({ type: z.literal("edit"), room: roomId, id: messageId, body: storableText(), reqId }),
  z.object({ type: z.literal("delete"), room: roomId, id: messageId, reqId }),
  z.object({
    type: z.literal("react"),
    room: roomId,
    id: messageId,
    emoji: storableText().max(maxEmojiLength).refine(isReactionEmoji, "must be one emoji"),
    on: z.boolean(),
    reqId,
  }),
  z.object({ type: z.literal("typing"), room: roomId }),
  z.object({ type: z.literal("read"), room: roomId, seq: cursor }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;
export type ClientFrameOf<T extends ClientFrame["type"]> = Extract<ClientFrame, { type: T }>;

/** Why a socket left a room without asking: removed by the owner, left on its own (another tab), or the room was deleted. */
export const membershipEnd = z.enum(["removed", "left", "deleted"]);
export type MembershipEnd = z.infer<typeof membershipEnd>;

/** Frames the server sends. */
export const serverFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), user: userRef, node: z.string() }),
  z.object({
    type: z.literal("subscribed"),
    room: z.string(),
    lastSeq: cursor,
    recovered: z.boolean(),
  }),
  z.object({ type: z.literal("unsubscribed"), room: z.string() }),
  z.object({
    type: z.literal("ack"),
    room: z.string(),
    id: z.string(),
    seq: cursor,
    clientMsgId: z.string().optional(),
    reqId: z.string().optional(),
  }),
  z.object({ type: z.literal("message"), room: z.string(), seq: cursor, message: chatMessage }),
  z.object({ type: z.literal("typing"), room: z.string(), user: userRef }),
  /** Added: the user's read marker of the room moved (sent to the user's other sockets). */
  z.object({ type: z.literal("read"), room: z.string(), seq: cursor }),
  z.object({
    type: z.literal("presence"),
    room: z.string(),
    online: z.array(userRef).optional(),
    count: z.number().int().nonnegative(),
  }),
  // Additive (issue 10, docs/api.md "Members"): membership and room changes, not in the seq cursor.
  z.object({
    type: z.literal("removed"),
    room: z.string(),
    reason: membershipEnd,
    /** Who is out; absent when the room was deleted (then everyone is). */
    user: userRef.optional(),
  }),
  z.object({ type: z.literal("renamed"), room: z.string(), name: z.string() }),
  z.object({
    type: z.literal("error"),
    code: errorCode,
    message: z.string(),
    ref: z.string().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;
export type ServerFrameOf<T extends ServerFrame["type"]> = Extract<ServerFrame, { type: T }>;

export type ParsedClientFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; message: string; ref?: string };

/** Parse one text frame; on failure say why and echo whatever ref it had. */
export function parseClientFrame(text: string): ParsedClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: "frame is not valid JSON" };
  }
  const result = clientFrame.safeParse(raw);
  if (result.success) return { ok: true, frame: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, message: `${where}${issue?.message ?? "invalid frame"}`, ref: frameRef(raw) };
}

/** What an `error` answering this frame echoes as `ref`: its clientMsgId, reqId or room, the first it has. */
export function frameRef(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  for (const key of ["clientMsgId", "reqId", "room"]) {
    if (typeof r[key] === "string") return r[key] as string;
  }
  return undefined;
}
