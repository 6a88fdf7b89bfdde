import { isIP } from "node:net";

/*
 * The client's address, for per-address limits. A route handler cannot see
 * the TCP peer, and Next.js fills X-Forwarded-For from the socket only when
 * the client did not send one, so that header is the client's to choose. The
 * web server (scripts/web-server.ts) therefore resolves the address before
 * Next.js sees the request and OVERWRITES `clientAddressHeader` with it:
 * the socket's peer, or, behind TRUSTED_PROXY_HOPS proxies that each append
 * the address they saw to X-Forwarded-For, the entry that many hops back.
 * Whatever a client sends in that header is replaced, never read.
 */
export const clientAddressHeader = "x-chat-client-address";

/** chain = X-Forwarded-For entries then the socket peer; the client is `hops` entries left of the peer. */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const peer = normaliseAddress(socketAddress ?? "");
  if (hops === 0) return peer;
  const forwarded = [forwardedFor ?? []].flat().join(",").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const picked = normaliseAddress(chain[Math.max(0, chain.length - 1 - hops)] ?? "");
  // A proxy that appended garbage is misconfigured; the peer is still a real address.
  return isIP(picked) ? picked : peer;
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`, or uWS's fully written form) as IPv4, zone ids dropped, so one client has one spelling. */
function normaliseAddress(raw: string): string {
  const address = raw.trim().replace(/%.*$/, "").toLowerCase();
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  return mapped ? [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".") : address;
}

type HeaderBag = Pick<Headers, "get"> | Record<string, string | string[] | undefined>;

/** The address the web server resolved, or null when the app runs without it (then per-address limits are off). */
export function clientAddressOf(headers: HeaderBag): string | null {
  const raw = typeof headers.get === "function" ? (headers as Pick<Headers, "get">).get(clientAddressHeader) : (headers as Record<string, unknown>)[clientAddressHeader];
  const value = typeof raw === "string" ? raw : null;
  if (value && isIP(value)) return value;
  warnOnce();
  return null;
}

/**
 * The limiter key of an address: IPv4 as is, IPv6 by its /64, the block one
 * subscriber usually holds (else rotating through it would dodge every limit).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  const [head = "", tail] = withoutDottedTail(address).split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** `::a:1.2.3.4` → `::a:102:304`, so every group is one hextet. */
function withoutDottedTail(address: string): string {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!dotted) return address;
  const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
  return `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

let warned = false;
function warnOnce(): void {
  if (warned) return;
  warned = true;
  console.warn(
    `[web] no ${clientAddressHeader} header: the app was not started through scripts/web-server.ts (npm run start:web), so per-address limits are off`,
  );
}
