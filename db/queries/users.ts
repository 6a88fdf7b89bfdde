import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { isStorableText } from "../../protocol/text";
import { users, type User } from "../schema";

/** Insert a user; null when the username is already taken. */
export async function createUser(
  db: Db,
  input: { username: string; passwordHash: string },
): Promise<User | null> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing().returning();
  return row ?? null;
}

/** Sign-in looks names up as typed: one PostgreSQL cannot hold (NUL) names nobody, instead of failing the query. */
export async function getUserByUsername(db: Db, username: string): Promise<User | null> {
  if (!isStorableText(username)) return null;
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row ?? null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and frames; anything not a UUID cannot name a row. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** The stored bcrypt hash of a user's password (to check the current one before a change), or null. */
export async function getPasswordHash(db: Db, userId: string): Promise<string | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.hash ?? null;
}
