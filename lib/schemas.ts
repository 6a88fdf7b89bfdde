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

/** A username someone typed to find another user; same alphabet as sign-up. */
export const usernameInput = z.object({
  username: storableText()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{1,32}$/, "is not a valid username"),
});
