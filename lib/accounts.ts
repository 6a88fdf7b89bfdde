import { z } from "zod";
import { createUser } from "@/db/queries/users";
import { storableText } from "@/protocol";
import { getDb } from "./db";
import { hashPassword } from "./passwords";

/** Sign-up input, contract.md: username 3-32 of [a-z0-9_-], password 8-128 code points. */
export const signupInput = z.object({
  username: storableText()
    .min(3, "must be at least 3 characters")
    .max(32, "must be at most 32 characters")
    .regex(/^[a-z0-9_-]+$/, "may contain only a-z, 0-9, _ and -"),
  // Never stored as text, but bcrypt implementations disagree on NUL: refused like everywhere else.
  password: storableText()
    .refine((p) => [...p].length >= 8, "must be at least 8 characters")
    .refine((p) => [...p].length <= 128, "must be at most 128 characters"),
});
export type SignupInput = z.infer<typeof signupInput>;

export type NewAccount = { id: string; username: string };

/** Create the account; null when the username is taken. */
export async function createAccount(input: SignupInput): Promise<NewAccount | null> {
  const passwordHash = await hashPassword(input.password);
  const user = await createUser(getDb(), { username: input.username, passwordHash });
  return user ? { id: user.id, username: user.username } : null;
}
