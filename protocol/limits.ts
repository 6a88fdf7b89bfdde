import { isStorableText } from "./text";

/** Contract defaults; each is overridable by env on the side that enforces it. */
export const defaultLimits = {
  frameBytes: 16 * 1024,
  bodyCodePoints: 4000,
  sendsPerWindow: 20,
  sendWindowSeconds: 10,
  typingIntervalMs: 2000,
  recoverMaxChanges: 1000,
  presenceListMax: 200,
  /*
   * Other mutating frames, per user per window across all sidecars. Set well
   * above what a heavy user of the browser client does: it sends `read` at
   * most once a second per room and tab, and resubscribes each watched room
   * once per reconnect.
   */
  frameWindowSeconds: 10,
  editsPerWindow: 30,
  deletesPerWindow: 30,
  reactsPerWindow: 30,
  readsPerWindow: 200,
  subscribesPerWindow: 100,
  /** Distinct emoji on one message; adding yourself to one already there is always fine. */
  reactionsPerMessage: 20,
  roomsPerSocket: 100,
} as const;

/** Lengths are counted in Unicode code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

export type BodyProblem = "empty" | "too_large" | "unstorable";

/** Why a message body is refused, or null if it is fine. */
export function checkBody(body: string, maxCodePoints: number): BodyProblem | null {
  if (!isStorableText(body)) return "unstorable";
  if (body.trim().length === 0) return "empty";
  if (codePointLength(body) > maxCodePoints) return "too_large";
  return null;
}
