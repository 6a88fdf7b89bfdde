"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword, passwordChangeInput } from "@/lib/password-change";
import { requireUserOrRedirect } from "@/lib/session";

/** The account page's password form (a plain form: works without JavaScript; server actions are Origin-checked). */
export async function changePasswordAction(formData: FormData): Promise<void> {
  const user = await requireUserOrRedirect("/account");
  const input = passwordChangeInput.safeParse({
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
  });
  if (!input.success) {
    redirect(`/account?error=${input.error.issues[0]?.path[0] === "newPassword" ? "invalid_password" : "wrong_password"}`);
  }
  if (formData.get("confirmPassword") !== input.data.newPassword) redirect("/account?error=password_mismatch");
  const result = await changePassword(user, input.data, await headers());
  if (!result.ok) redirect(`/account?error=${result.error === "rate_limited" ? "locked" : "wrong_password"}`);
  redirect("/account?changed=password");
}
