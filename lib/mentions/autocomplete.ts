/**
 * The composer's `@` autocomplete, pure: where the query being typed is (an
 * `@` at the start or after a non-name character, then name characters up to
 * the caret), which members match it, and the text once one is picked.
 */
export type MentionQuery = { start: number; query: string };

/** The `@query` that ends at the caret, or null. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const head = text.slice(0, caret);
  const match = /(^|[^a-z0-9_-])@([a-z0-9_-]{0,32})$/i.exec(head);
  if (!match) return null;
  return { start: match.index + match[1]!.length, query: match[2]!.toLowerCase() };
}

/** Members whose username starts with the query first, then those containing it; alphabetical within each; at most `limit`. */
export function filterMembers<T extends { username: string }>(members: readonly T[], query: string, limit = 8): T[] {
  const q = query.toLowerCase();
  const byName = (a: T, b: T) => a.username.localeCompare(b.username);
  const starts = members.filter((m) => m.username.startsWith(q)).sort(byName);
  const contains = members.filter((m) => !m.username.startsWith(q) && m.username.includes(q)).sort(byName);
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the query replaced by `@username ` and where the caret goes. */
export function pickMention(text: string, caret: number, at: MentionQuery, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const rest = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}
