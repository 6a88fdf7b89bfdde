"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAccount, signupInput } from "@/lib/accounts";
import { startSession } from "@/lib/session-cookie";
import { signupRetryAfter } from "@/lib/signup-limiter";

/** Create the account, sign the new user in, and land on the room list. */
export async function signUpAction(formData: FormData): Promise<void> {
  const input = signupInput.safeParse({
    username: formData.get("username"),
    password: formData.get("password"),
  });
  if (!input.success) {
    const field = input.error.issues[0]?.path[0] === "password" ? "password" : "username";
    redirect(`/signup?error=invalid_${field}`);
  }
  if ((await signupRetryAfter(await headers())) > 0) redirect(`/signup?error=signup_limited`);
  const account = await createAccount(input.data);
  if (!account) redirect(`/signup?error=username_taken`);
  await startSession(account);
  redirect("/rooms");
}
