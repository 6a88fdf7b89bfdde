import { z } from "zod";
import { codePointLength, storableText } from "@/protocol";

/** Inputs shared by a JSON route and the server action that does the same thing; all text is storableText (protocol/text.ts). */
export const roomInput = z.object({
  name: storableText()
    .trim()
    .min(1, "must not be empty")
    .refine((n) => codePointLength(n) <= 64, "must be at most 64 characters"),
  kind: z.enum(["public", "private"]),
});
export type RoomInput = z.infer<typeof roomInput>;

/** PATCH /api/rooms/{id} and the rename action: a new name, by the same rule as a new room's. */
export const roomNameInput = roomInput.pick({ name: true });

/** A username someone typed to find another user; same alphabet as sign-up. */
export const usernameInput = z.object({
  username: storableText()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{1,32}$/, "is not a valid username"),
});

/**
 * The room list's query (GET /api/rooms and the /rooms page): `q` a name
 * search, `after` the keyset cursor (the id of the last public room seen),
 * `limit` the page of public rooms (default 50, above 100 capped at 100).
 */
export const roomListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(64, "must be at most 64 characters")
    .optional()
    .transform((q) => q || undefined),
  after: z.uuid("must be a room id").optional(),
  limit: z.coerce
    .number()
    .int("must be an integer")
    .min(1, "must be at least 1")
    .optional()
    .transform((n) => (n === undefined ? undefined : Math.min(n, 100))),
});
export type RoomListQuery = z.infer<typeof roomListQuery>;
