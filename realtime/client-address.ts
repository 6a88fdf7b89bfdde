import { isIPv4, isIPv6 } from "node:net";

/*
 * The address a client is counted by (upgrade rate, sockets per address).
 * With no trusted proxy it is the socket's peer. Behind N trusted proxies
 * (TRUSTED_PROXY_HOPS=N), each of which appends the address it saw to
 * X-Forwarded-For, it is the N-th entry from the right: entries further left
 * were written by the client and prove nothing. All X-Forwarded-For lines
 * count, in order (a proxy may add a second line rather than append).
 * IPv6 clients are counted per /64, the block one subscriber usually holds.
 */
export function clientAddress(peer: string, forwardedFor: string, trustedHops: number): string {
  if (trustedHops === 0) return normalizeAddress(peer);
  const chain = forwardedFor.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (chain.length === 0) return normalizeAddress(peer);
  return normalizeAddress(chain[Math.max(0, chain.length - trustedHops)]!);
}

/** IPv4 as is (also when mapped into IPv6), IPv6 as its /64 prefix; anything else kept as text. */
export function normalizeAddress(raw: string): string {
  const address = raw.trim().toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const groups = expandIPv6(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

function expandIPv6(address: string): number[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  if (tail === undefined) return left;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
