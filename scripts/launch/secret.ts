import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * NEXTAUTH_SECRET for a first run: generated once, kept in `.data/` (never in
 * the repo) and handed to both processes, so sessions survive restarts and the
 * sidecar can verify what the web app signs.
 */
export function loadOrCreateSecret(dataDir: string): string {
  return loadOrCreateSecretFile(dataDir, "nextauth-secret");
}

/**
 * A random secret kept in `dataDir/fileName`, readable by its owner only
 * (0600, tightened if an older run left it looser): generated on first use,
 * the same value on every later start.
 */
export function loadOrCreateSecretFile(dataDir: string, fileName: string): string {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return readFileSync(file, "utf8").trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
