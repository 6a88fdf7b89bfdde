import assert from "node:assert/strict";
import { test } from "node:test";
import { clientAddress, normalizeAddress } from "../client-address";

test("no trusted hops: the socket's peer, whatever X-Forwarded-For says", () => {
  assert.equal(clientAddress("10.0.0.5", "1.2.3.4", 0), "10.0.0.5");
});

test("N trusted hops: the N-th entry from the right; entries the client wrote further left are ignored", () => {
  assert.equal(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9", 1), "198.51.100.9");
  assert.equal(clientAddress("10.0.0.1", "6.6.6.6,198.51.100.9,10.0.0.2", 2), "198.51.100.9");
  // Fewer entries than hops (a misconfigured proxy): the leftmost; none at all: the peer.
  assert.equal(clientAddress("10.0.0.1", "198.51.100.9", 3), "198.51.100.9");
  assert.equal(clientAddress("10.0.0.1", "", 1), "10.0.0.1");
});

test("IPv4-mapped IPv6 is IPv4; IPv6 counts per /64", () => {
  assert.equal(normalizeAddress("::ffff:127.0.0.1"), "127.0.0.1");
  assert.equal(normalizeAddress("0000:0000:0000:0000:0000:ffff:7f00:0001"), "127.0.0.1");
  assert.equal(normalizeAddress("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(normalizeAddress("2001:DB8:1:2:bbbb:cccc:dddd:eeee"), "2001:db8:1:2::/64");
  assert.equal(normalizeAddress("::1"), "0:0:0:0::/64");
});
