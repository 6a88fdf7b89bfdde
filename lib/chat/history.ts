/** The HTTP side of history (contract.md, "Rooms and history"): older pages and catch-up after a cursor. */
import { z } from "zod";
import { chatMessage, type ChatMessage } from "../../protocol/index";

const olderPage = z.object({ messages: z.array(chatMessage), nextBefore: z.number().int().nullable() });
const changesPage = z.object({ messages: z.array(chatMessage), nextAfter: z.number().int().nullable() });

export type OlderPage = z.infer<typeof olderPage>;
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** A non-2xx answer; 401 means the session is gone. */
class HistoryError extends Error {
  constructor(readonly status: number) {
    super(`history request failed with HTTP ${status}`);
    this.name = "HistoryError";
  }
}

/** Up to 50 messages with seq < before, newest first. */
export async function fetchOlder(roomId: string, before: number, fetchFn: FetchLike = fetch): Promise<OlderPage> {
  return getJson(`${messagesUrl(roomId)}?before=${before}`, olderPage, fetchFn);
}

/**
 * Every change after `after`, following `nextAfter` to the end. Bounded, so a
 * server that keeps answering never traps the client in a loop.
 */
export async function fetchChangesAfter(
  roomId: string,
  after: number,
  fetchFn: FetchLike = fetch,
  maxPages = 200,
): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let next: number | null = after;
  for (let page = 0; next !== null && page < maxPages; page++) {
    const result: z.infer<typeof changesPage> = await getJson(
      `${messagesUrl(roomId)}?after=${next}&limit=100`, changesPage, fetchFn);
    all.push(...result.messages);
    next = result.nextAfter;
  }
  return all;
}

function messagesUrl(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/messages`;
}

async function getJson<T>(url: string, schema: z.ZodType<T>, fetchFn: FetchLike): Promise<T> {
  const response = await fetchFn(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) throw new HistoryError(response.status);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new HistoryError(502);
  return parsed.data;
}

/** HistoryError carries the HTTP status; anything else (offline, a bad body) had none. */
export function statusOf(error: unknown): number | null {
  return error instanceof HistoryError ? error.status : null;
}
