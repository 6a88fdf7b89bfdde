import { getEnv } from "./env";
import { perUserMinuteLimit } from "./rate-limits";

/*
 * Searches per user: SEARCH_RATE_LIMIT a minute, the page and the JSON API
 * together, shared by every web process. A search reads an index over every
 * readable room's messages, so it is not free to repeat.
 */
export const searchRetryAfter = perUserMinuteLimit("search", () => getEnv().SEARCH_RATE_LIMIT);
