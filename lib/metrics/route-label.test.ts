import assert from "node:assert/strict";
import { test } from "node:test";
import { methodLabel, pathOf, routeLabeler } from "./route-label";

const pages = [
  "/",
  "/api/rooms",
  "/api/auth/[...nextauth]",
  "/api/rooms/[id]",
  "/api/rooms/[id]/messages",
  "/api/rooms/[id]/members/[userId]",
  "/rooms/[id]",
  "/rooms/[id]/history",
  "/docs/[[...slug]]",
];
const label = routeLabeler(pages);

test("paths become the pattern that serves them, ids never", () => {
  assert.equal(label("/"), "/");
  assert.equal(label("/api/rooms?kind=public"), "/api/rooms");
  assert.equal(label("/api/rooms/3f0c1e9a-1b2c-4d5e-8f90-1234567890ab"), "/api/rooms/[id]");
  assert.equal(label("/api/rooms/42/messages?before=10&limit=5"), "/api/rooms/[id]/messages");
  assert.equal(label("/api/rooms/42/members/7"), "/api/rooms/[id]/members/[userId]");
  assert.equal(label("/api/auth/callback/credentials"), "/api/auth/[...nextauth]");
  assert.equal(label("/rooms/42/history/"), "/rooms/[id]/history");
  assert.equal(label("/rooms/42.rsc"), "/rooms/[id]");
  assert.equal(label("/docs"), "/docs/[[...slug]]");
  assert.equal(label("/docs/a/b"), "/docs/[[...slug]]");
});

test("a literal pattern wins over a dynamic one, and one segment never matches two", () => {
  const withStatic = routeLabeler(["/rooms/[id]", "/rooms/new"]);
  assert.equal(withStatic("/rooms/new"), "/rooms/new");
  assert.equal(withStatic("/rooms/other"), "/rooms/[id]");
  assert.equal(label("/api/rooms/42/messages/9"), "unmatched");
  assert.equal(label("/api/auth"), "unmatched");
  assert.equal(label("/rooms//history"), "unmatched");
});

test("anything else has a handful of labels, whatever a client asks for", () => {
  const asked = ["/wp-login.php", "/a/b/c", "/%00", "/api/rooms/x/y/z", "/random-1", "/random-2"].map(label);
  assert.deepEqual(new Set(asked), new Set(["unmatched"]));
  assert.equal(label("/_next/static/chunks/app-123.js"), "/_next/static");
  assert.equal(label("/_next/image?url=x"), "/_next/image");
  assert.equal(label("/_next/webpack-hmr"), "/_next/other");
});

test("the path of a request target drops query, fragment and trailing slashes", () => {
  assert.equal(pathOf("/a/b/?x=1"), "/a/b");
  assert.equal(pathOf("/?x"), "/");
  assert.equal(pathOf("/a#frag"), "/a");
});

test("methods outside the standard set share one label", () => {
  assert.equal(methodLabel("GET"), "GET");
  assert.equal(methodLabel("BREW"), "other");
  assert.equal(methodLabel(undefined), "other");
});
