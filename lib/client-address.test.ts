import assert from "node:assert/strict";
import { test } from "node:test";
import { addressKey, clientAddressHeader, clientAddressOf, resolveClientAddress } from "./client-address";

test("with no trusted proxy the socket peer is the client, whatever X-Forwarded-For says", () => {
  assert.equal(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9", 0), "127.0.0.1");
  assert.equal(resolveClientAddress("2001:db8::1", undefined, 0), "2001:db8::1");
  // uWS writes the peer out in full.
  assert.equal(resolveClientAddress("0000:0000:0000:0000:0000:ffff:7f00:0001", "", 0), "127.0.0.1");
});

test("each trusted hop moves one entry left of the peer, never past the first", () => {
  assert.equal(resolveClientAddress("10.0.0.2", "198.51.100.7", 1), "198.51.100.7");
  // A client-supplied entry sits left of what the trusted proxy appended: ignored with one hop.
  assert.equal(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1), "198.51.100.7");
  assert.equal(resolveClientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.7, 10.0.0.1"], 2), "198.51.100.7");
  assert.equal(resolveClientAddress("10.0.0.2", undefined, 3), "10.0.0.2");
  assert.equal(resolveClientAddress("10.0.0.2", "not-an-ip", 1), "10.0.0.2");
});

test("IPv6 addresses share a key per /64; IPv4 keeps the address", () => {
  assert.equal(addressKey("198.51.100.7"), "198.51.100.7");
  assert.equal(addressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  assert.equal(addressKey("::1"), "0:0:0:0::/64");
  assert.equal(addressKey("::a:b:c:d:1.2.3.4"), "0:0:a:b::/64");
});

test("only a valid address in the server's header counts", () => {
  assert.equal(clientAddressOf(new Headers({ [clientAddressHeader]: "198.51.100.7" })), "198.51.100.7");
  assert.equal(clientAddressOf({ [clientAddressHeader]: "nonsense" }), null);
  assert.equal(clientAddressOf({}), null);
});
