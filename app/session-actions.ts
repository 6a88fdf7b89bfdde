"use server";

import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/session";
import { endAllSessions, endSession } from "@/lib/session-cookie";

/** Sign out: this session is revoked (its sockets close) and its cookie deleted (server actions are Origin-checked by Next). */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/signin");
}

/** Sign out everywhere: every session of this user, on every device, ends now. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endAllSessions(user.id);
  else await endSession();
  redirect("/signin");
}
