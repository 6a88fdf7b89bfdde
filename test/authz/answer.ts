import type { Target } from "./world";

/**
 * What one cell got. `summary` is what the table states (status and error
 * code, frame type and error code, where a redirect goes); `detail` is the
 * whole answer (body, error message), compared between a room one may not
 * see and a room that does not exist. The cell's room id reads ":room" in
 * both, so "the same answer" means the same apart from echoing the id asked.
 */
export type Answer = { summary: string; detail: string };

export function withoutIds(text: string, target: Target): string {
  return text.split(target.roomId).join(":room").split(`"${target.messageId}"`).join('":message"');
}

export async function jsonAnswer(response: Response, target: Target): Promise<Answer> {
  const text = withoutIds(await response.text(), target);
  const error = errorOf(text);
  return { summary: error ? `${response.status} ${error}` : String(response.status), detail: `${response.status} ${text}` };
}

function errorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === "string" ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/** A page: its status, where a redirect goes (path only in the summary), and its HTML for the comparison. */
export async function pageAnswer(response: Response, target: Target): Promise<Answer> {
  const location = withoutIds(response.headers.get("location") ?? "", target);
  const summary = location ? `${response.status} ${location.split("?")[0]}` : String(response.status);
  // Without the fresh CSP nonce; Next's streamed payload (inline scripts) is compared as a set of
  // rows, because its chunks arrive in an order that varies with timing.
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  const text = await response.text();
  const html = withoutIds(nonce ? text.replaceAll(nonce, "") : text, target);
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const document = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script></script>");
  return { summary, detail: `${response.status} ${location} ${document}\n${payloadRows(scripts)}` };
}

/**
 * Next's streamed payload as its sorted rows, without the row numbers and the
 * references to them (`$h1a` too, a server action's): the numbers follow the
 * order rows were emitted in (a layout and its page render side by side), so
 * the same rows in any order are the same answer.
 */
function payloadRows(scripts: string[]): string {
  const payload = scripts.join("").replace(/self\.__next_f\.push\(\[\d+,"|"\]\)/g, "");
  const rows = payload.split("\\n").map((row) => row.replace(/^[0-9a-f]+:/, "").replace(/\$[@LFQWKBTh]?[0-9a-f]+\b/g, "$ref"));
  return rows.sort().join("\n");
}

/** A server action called as the browser calls it: where it sends the browser next. */
export async function actionAnswer(response: Response, target: Target): Promise<Answer> {
  await response.arrayBuffer();
  const redirect = response.headers.get("x-action-redirect");
  if (!redirect) return { summary: `status ${response.status}`, detail: `status ${response.status}` };
  const where = withoutIds(redirect.replace(/;(push|replace)$/, ""), target);
  return { summary: `→ ${where.split("?callbackUrl")[0]}`, detail: `${response.status} → ${where}` };
}
