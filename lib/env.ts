import { parseEnv } from "../config/parse-env";
import { webEnv, type WebEnv } from "../config/web";

/*
 * The web app's configuration (config/web.ts), validated on first use rather
 * than at import time: `next build` imports every route module and must
 * succeed with no env set. Servers call it at boot (lib/boot-check.ts).
 */
let cached: WebEnv | undefined;

/** The validated env; throws a ConfigError naming every bad variable. */
export function getEnv(): WebEnv {
  cached ??= parseEnv(webEnv, process.env);
  return cached;
}

/** next-auth uses secure (`__Secure-`/`__Host-`) cookie names when its URL is https. */
export function usesSecureCookies(): boolean {
  return getEnv().NEXTAUTH_URL?.startsWith("https://") ?? false;
}
