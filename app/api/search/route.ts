import { searchMessagesForUser } from "@/db/queries/search";
import { getDb } from "@/lib/db";
import { json, parseValue, withErrors } from "@/lib/http";
import { rateLimitedResponse } from "@/lib/rate-limits";
import { searchRetryAfter } from "@/lib/search-limiter";
import { searchQuery } from "@/lib/search-query";
import { requireUser } from "@/lib/session";

/**
 * GET /api/search?q=&before=&limit=: messages matching `q` in every room the
 * user may read (db/queries/search.ts has the rule), newest first, keyset
 * pages. 400 for a bad query (checked before it counts against the limit),
 * 429 over SEARCH_RATE_LIMIT a minute.
 */
export const GET = withErrors("search", async (req: Request) => {
  const { user, response } = await requireUser();
  if (response) return response;
  const query = parseValue(Object.fromEntries(new URL(req.url).searchParams), searchQuery);
  if (query.response) return query.response;
  const retryAfter = await searchRetryAfter(user.id);
  if (retryAfter) return rateLimitedResponse(retryAfter);
  return json(await searchMessagesForUser(getDb(), { userId: user.id, ...query.data }));
});
