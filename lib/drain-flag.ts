/*
 * Whether this web server process is draining (SIGTERM received). Set by the
 * server wrapper (scripts/web-server.ts, via lib/web-drain.ts) and read by the
 * /readyz route that Next.js runs in the same process, but from its own
 * compiled copy of this module: so the flag lives on globalThis under a
 * registered symbol, which both copies share, not in a module variable.
 */
const key = Symbol.for("chat.web.draining");
const holder = globalThis as typeof globalThis & { [key]?: boolean };

export function markDraining(): void {
  holder[key] = true;
}

export function isDraining(): boolean {
  return holder[key] === true;
}
