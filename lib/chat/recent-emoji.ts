/**
 * The reaction picker's "recently used": newest first, no repeats, a few at
 * most, kept in localStorage. What comes back from storage is checked again:
 * anyone with the page's origin can write there.
 */
import { isReactionEmoji } from "../../protocol/index";

export const commonEmoji = ["👍", "❤️", "😂", "🎉", "😮", "🙏"] as const;
const maxRecent = 8;
const storageKey = "chat.recentEmoji";

export function pushRecent(recent: readonly string[], emoji: string): string[] {
  return [emoji, ...recent.filter((e) => e !== emoji)].slice(0, maxRecent);
}

export function parseRecent(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const valid = value.filter((e): e is string => typeof e === "string" && isReactionEmoji(e));
    return [...new Set(valid)].slice(0, maxRecent);
  } catch {
    return [];
  }
}

/** Recent ones first, then the common ones not among them. */
export function pickerChoices(recent: readonly string[]): string[] {
  return [...recent, ...commonEmoji.filter((e) => !recent.includes(e))];
}

type Store = Pick<Storage, "getItem" | "setItem">;

export function loadRecent(store: Store | undefined): string[] {
  try {
    return parseRecent(store?.getItem(storageKey) ?? null);
  } catch {
    return []; // storage disabled
  }
}

export function saveRecent(store: Store | undefined, emoji: string): string[] {
  const next = pushRecent(loadRecent(store), emoji);
  try {
    store?.setItem(storageKey, JSON.stringify(next));
  } catch { /* full or disabled: recent is a nicety */ }
  return next;
}
