/**
 * Mentions: `@username` in a message body. Usernames are [a-z0-9_-] (3-32,
 * lib/accounts.ts), so a mention is `@` plus that alphabet, matched without
 * regard to case, with no username character right before the `@` (so an
 * e-mail address `ann@ben.org` mentions nobody) nor right after the name (so
 * `@ann-marie` does not mention `ann`). One rule for the three users of it:
 * the highlighter (components/message-body.tsx, which skips code), the
 * sidebar's mention badge (lib/chat/unread.ts, and its SQL twin in
 * db/queries/sidebar-rooms.ts) and the notifier. The counters match the whole
 * body, code included, as the SQL does: a count must equal the server's.
 */

/** A name character: what may not touch a mention on either side. */
const nameChar = /[a-z0-9_-]/i;

/** A mention of someone: the name, without `@`, lowercased. */
const mentionRe = /(^|[^a-z0-9_-])@([a-z0-9_-]{3,32})(?![a-z0-9_-])/gi;

/** Whether `body` mentions `username` (case-insensitive, on name boundaries). */
export function mentionsUser(body: string, username: string): boolean {
  const name = username.toLowerCase();
  if (!/^[a-z0-9_-]{1,32}$/.test(name)) return false;
  const lower = body.toLowerCase();
  for (let at = lower.indexOf(`@${name}`); at !== -1; at = lower.indexOf(`@${name}`, at + 1)) {
    const before = at === 0 ? "" : lower[at - 1]!;
    const after = lower[at + 1 + name.length] ?? "";
    if (!nameChar.test(before) && !nameChar.test(after)) return true;
  }
  return false;
}

/** A piece of text: plain, or a mention (with the name it names, lowercased). */
export type MentionPart = { text: string; mention?: string };

/** Splits text into plain parts and mentions, for the highlighter. */
export function splitMentions(text: string): MentionPart[] {
  const parts: MentionPart[] = [];
  let last = 0;
  for (const match of text.matchAll(mentionRe)) {
    const start = match.index + match[1]!.length;
    if (start > last) parts.push({ text: text.slice(last, start) });
    const end = start + 1 + match[2]!.length;
    parts.push({ text: text.slice(start, end), mention: match[2]!.toLowerCase() });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
