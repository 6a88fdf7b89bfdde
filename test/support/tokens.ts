import { encode } from "next-auth/jwt";
import { newSessionClaims } from "../../protocol/session-claims";

/*
 * A session token as the web app issues it: next-auth's own encode around the
 * claims of a new sign-in. The one minter of tests, e2e and the bench.
 */
export type SessionUser = { id: string; username: string };

export type MintOptions = {
  secret: string;
  /** Seconds until it expires (negative: expired already); next-auth's default otherwise. */
  maxAge?: number;
  /** The user's session version at sign-in ("sign out everywhere" bumps it). */
  sessionVersion?: number;
};

export function mintSessionToken(user: SessionUser, { secret, maxAge, sessionVersion = 0 }: MintOptions): Promise<string> {
  return encode({ token: newSessionClaims({ id: user.id, username: user.username }, sessionVersion), secret, maxAge });
}
