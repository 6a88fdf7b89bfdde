import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { sessionClaims, type SessionClaims } from "../protocol/session-claims";

/*
 * The session token, read and written exactly as next-auth v4 does (a JWE,
 * {"alg":"dir","enc":"A256GCM"}, key = HKDF-SHA256(secret, salt "", info
 * "NextAuth.js Generated Encryption Key", 32 bytes)), but strictly: jose on
 * its own accepts any JWE algorithm it knows, including PBES2 (milliseconds
 * of CPU per attempt, chosen by whoever wrote the header) and DEFLATE-
 * compressed payloads. Here the protected header must be exactly
 * {alg:"dir", enc:"A256GCM"} and the token at most maxTokenChars long; both
 * are checked before any cryptography. The key is derived once per secret.
 * Used by the sidecar at upgrade and by next-auth (lib/auth.ts jwt.decode).
 * No Next.js imports: the sidecar loads this file too.
 */
export const maxTokenChars = 4096;

/** Seconds of clock skew allowed on exp, as next-auth's own decode allows. */
const clockToleranceSeconds = 15;

const keys = new Map<string, Uint8Array>();

/** next-auth's key derivation (its @panva/hkdf is node's HKDF), once per secret. */
export function sessionKeyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

/** Cheap shape checks, no crypto: five parts, no encrypted key, and the one header next-auth writes. */
export function hasSessionTokenShape(token: string): boolean {
  if (token.length > maxTokenChars) return false;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return false;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) return false;
  const fields = header as Record<string, unknown>;
  return Object.keys(fields).length === 2 && fields.alg === "dir" && fields.enc === "A256GCM";
}

/** A token's claims, or why it was refused (the sidecar logs the why; never the token). */
export type TokenReading = { claims: JWTPayload & SessionClaims } | { refused: "malformed" | "expired" | "invalid" };

export async function readSessionToken(token: string, secret: string): Promise<TokenReading> {
  if (!hasSessionTokenShape(token)) return { refused: "malformed" };
  try {
    const { payload } = await jwtDecrypt(token, sessionKeyFor(secret), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      requiredClaims: ["exp"],
      clockTolerance: clockToleranceSeconds,
    });
    const claims = sessionClaims.safeParse(payload);
    return claims.success ? { claims: { ...payload, ...claims.data } } : { refused: "invalid" };
  } catch (error) {
    // Only a token that decrypted under our key can be "expired": it is one we issued.
    return { refused: (error as { code?: unknown }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
}

/** The whole decrypted payload of a well-formed, unexpired token with valid session claims; else null. */
export async function decodeSessionPayload(token: string, secret: string): Promise<(JWTPayload & SessionClaims) | null> {
  const reading = await readSessionToken(token, secret);
  return "claims" in reading ? reading.claims : null;
}

/** A token next-auth's decode would read (same header, iat, exp and a fresh jti, as its encode writes). */
export function encodeSessionToken(claims: Record<string, unknown>, secret: string, maxAgeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // iat, exp and jti are set afresh below; everything else is carried over.
  const rest = Object.fromEntries(Object.entries(claims).filter(([key]) => !["iat", "exp", "jti"].includes(key)));
  return new EncryptJWT(rest)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAgeSeconds)
    .setJti(crypto.randomUUID())
    .encrypt(sessionKeyFor(secret));
}
