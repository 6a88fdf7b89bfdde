/**
 * Which URLs in a message become links: absolute http and https only. Every
 * other scheme (javascript:, data:, vbscript:, file:, mailto:, relative
 * paths) stays text. Links open in a new tab without a referrer or an
 * opener, and tell search engines they are not ours.
 */
export const linkRel = "noopener noreferrer nofollow";

/** The normalised href for `url`, or null when it must not be a link. */
export function safeHref(url: string): string | null {
  // URL parsing strips tabs and newlines and lower-cases the scheme, as a browser would.
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.hostname === "") return null;
  return parsed.href;
}
