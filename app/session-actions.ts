"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/session-cookie";

/** Sign out: delete the JWT session cookie (server actions are Origin-checked by Next). */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/signin");
}
