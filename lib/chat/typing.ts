/** Who else is typing in the room. Each `typing` frame keeps a name up for a few seconds. */
import type { UserRef } from "../../protocol/index";

export type TypingState = ReadonlyMap<string, { readonly username: string; readonly until: number }>;

const typingTtlMs = 3000;

export const noTyping: TypingState = new Map();

export function noteTyping(state: TypingState, user: UserRef, now: number, ttlMs = typingTtlMs): TypingState {
  return new Map(state).set(user.id, { username: user.username, until: now + ttlMs });
}

/** Their message arrived, so they are done typing it. */
export function stopTyping(state: TypingState, userId: string): TypingState {
  if (!state.has(userId)) return state;
  const next = new Map(state);
  next.delete(userId);
  return next;
}

export function pruneTyping(state: TypingState, now: number): TypingState {
  if (![...state.values()].some((t) => t.until <= now)) return state;
  return new Map([...state].filter(([, t]) => t.until > now));
}

export function typingNames(state: TypingState): string[] {
  return [...state.values()].map((t) => t.username).sort();
}

/** "alice is typing…", "alice and bob are typing…", "4 people are typing…". */
export function typingLabel(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length <= 3) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are typing…`;
  return `${names.length} people are typing…`;
}
