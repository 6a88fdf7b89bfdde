import { z } from "zod";

export const userRef = z.object({ id: z.string(), username: z.string() });
export type UserRef = z.infer<typeof userRef>;

/** The message object, identical over HTTP and the socket (contract.md). */
export const chatMessage = z.object({
  id: z.string(),
  seq: z.number().int(),
  version: z.number().int(),
  author: userRef,
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  clientMsgId: z.string(),
  reactions: z.record(z.string(), z.array(z.string())),
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const roomKind = z.enum(["public", "private", "dm"]);
export type RoomKind = z.infer<typeof roomKind>;

export const roomSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: roomKind,
  unread: z.number().int(),
  lastSeq: z.number().int(),
});
export type RoomSummary = z.infer<typeof roomSummary>;
