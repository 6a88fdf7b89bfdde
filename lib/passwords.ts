import bcrypt from "bcryptjs";
import { getEnv } from "./env";

/** A slow salted hash; the cost comes from BCRYPT_COST (default 11). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().BCRYPT_COST);
}

let dummyHash: Promise<string> | undefined;

/**
 * Compare against the stored hash, or against a throwaway hash when the user
 * does not exist, so both cases take as long and timing does not reveal
 * which usernames are registered.
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (hash) return bcrypt.compare(password, hash);
  dummyHash ??= hashPassword("not-a-real-password");
  await bcrypt.compare(password, await dummyHash);
  return false;
}
