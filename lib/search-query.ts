import { z } from "zod";
import { codePointLength, storableText } from "@/protocol";

export const maxSearchQuery = 200;

/**
 * GET /api/search and the /search page: `q` the words (1-200 code points
 * after trimming, storable text), `before` the keyset cursor (the
 * `nextBefore` of the previous page, a message id), `limit` 1.. (default 20,
 * above 50 capped at 50).
 */
export const searchQuery = z.object({
  q: storableText()
    .trim()
    .min(1, "must not be empty")
    .refine((q) => codePointLength(q) <= maxSearchQuery, `must be at most ${maxSearchQuery} characters`),
  before: z.string().regex(/^\d{1,15}$/, "must be a message id").transform(Number).optional(),
  limit: z
    .string()
    .regex(/^\d{1,15}$/, "must be a positive integer")
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1"))
    .optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;
