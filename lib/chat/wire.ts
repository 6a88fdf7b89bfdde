/** The browser's side of the wire: the socket it needs, and the one parser every inbound frame goes through. */
import { serverFrame, type ServerFrame } from "../../protocol/index";

/** The part of the browser WebSocket the connection uses, so tests (and the chaos client's `ws`) can pass their own. */
export type SocketLike = Pick<WebSocket, "send" | "close" | "onopen" | "onmessage" | "onclose" | "onerror">;

/** The standard code for "closed without a close frame"; the connection treats a socket it could not open the same way. */
export const abnormalClosure = 1006;

/** Anything that is not a valid server frame is dropped. */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== "string") return null;
  try {
    const result = serverFrame.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** A new socket, or null when the constructor throws (a bad URL): the caller treats that as a close. */
export function openSocket(url: string, create = (u: string): SocketLike => new WebSocket(u)): SocketLike | null {
  try {
    return create(url);
  } catch {
    return null;
  }
}

/** Close without hearing about it: the handlers go first, so no late event reaches the old owner. */
export function closeQuietly(ws: SocketLike): void {
  ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
  try { ws.close(1000, "client closed"); } catch { /* already closed */ }
}

/** A set of callbacks; `add` returns the function that removes it again. */
export class Listeners<T> {
  private readonly fns = new Set<(value: T) => void>();
  add(fn: (value: T) => void): () => void {
    this.fns.add(fn);
    return () => void this.fns.delete(fn);
  }
  emit(value: T): void {
    for (const fn of this.fns) fn(value);
  }
}
