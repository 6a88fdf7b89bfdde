import { json, withErrors } from "@/lib/http";
import { requireUser } from "@/lib/session";
import { endAllSessions } from "@/lib/session-cookie";

/**
 * POST /api/sessions/revoke-all → 200 {"ok":true}: signs the user out
 * everywhere. Every token issued so far stops working over HTTP and at
 * upgrade, open sockets close with 4001 on every sidecar, this cookie is deleted.
 */
export const POST = withErrors("sessions.revokeAll", async () => {
  const { user, response } = await requireUser();
  if (response) return response;
  await endAllSessions(user.id);
  return json({ ok: true });
});
