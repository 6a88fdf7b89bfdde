import { z } from "zod";
import { replacePasswordHash } from "@/db/queries/sessions";
import { getPasswordHash } from "@/db/queries/users";
import { signupInput } from "./accounts";
import { clientAddressOf } from "./client-address";
import { getDb } from "./db";
import { normaliseUsername, takeLoginAttempt } from "./login-limiter";
import { hashPassword, verifyPassword } from "./passwords";
import type { SessionUser } from "./session";
import { startSession } from "./session-cookie";

/*
 * Changing the password, for the account page's server action and
 * POST /api/account/password alike. Who: the signed-in user, who must also
 * know the current password (a left-behind session alone cannot take the
 * account over). Guessing it is limited exactly like signing in: one attempt
 * is taken from the login limiter (the username and the address) before
 * bcrypt runs and given back only when it was right, so wrong guesses here
 * and at sign-in share one budget and one lock-out. On success every session
 * of the user ends (the session version is bumped in the same transaction as
 * the new hash; sidecars close their sockets 4001) and this browser gets a
 * fresh session at the new version, so it alone stays signed in.
 */
export const passwordChangeInput = z.object({
  // Only compared, never stored: any non-empty text up to a bound (bcrypt reads 72 bytes).
  currentPassword: z.string().min(1, "must not be empty").max(512, "is too long"),
  newPassword: signupInput.shape.password,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

export type PasswordChange =
  | { ok: true }
  | { ok: false; error: "wrong_password" }
  | { ok: false; error: "rate_limited"; retryAfter: number };

export async function changePassword(
  user: SessionUser,
  input: PasswordChangeInput,
  headers: Pick<Headers, "get">,
): Promise<PasswordChange> {
  const ticket = await takeLoginAttempt({ username: normaliseUsername(user.username), address: clientAddressOf(headers) });
  if (!ticket.ok) return { ok: false, error: "rate_limited", retryAfter: ticket.retryAfter };
  const hash = await getPasswordHash(getDb(), user.id);
  if (!hash || !(await verifyPassword(input.currentPassword, hash))) return { ok: false, error: "wrong_password" };
  await ticket.giveBack();
  const version = await replacePasswordHash(getDb(), { userId: user.id, from: hash, to: await hashPassword(input.newPassword) });
  // null: the password was changed meanwhile by another request, so the one checked is no longer current.
  if (version === null) return { ok: false, error: "wrong_password" };
  await startSession(user);
  return { ok: true };
}
