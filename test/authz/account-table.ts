import { randomBytes } from "node:crypto";
import type { WebClient } from "../web-client";
import { jsonAnswer, type Answer } from "./answer";

/*
 * The routes that name no room: creating rooms, opening a DM, signing up, changing the password.
 * Who asks is all that matters, so two actors: [anonymous, signed in].
 */
export type AccountRoute = { name: string; probe: (client: WebClient, me: string) => Promise<Answer>; expect: [string, string] };

const none = { roomId: "\u0000", messageId: "\u0000", foreignMessageId: "\u0000" };
const post = async (client: WebClient, path: string, json: unknown) => jsonAnswer(await client.request(path, { method: "POST", json }), none);
const fresh = () => `mx_${randomBytes(4).toString("hex")}`;

export const accountRoutes: AccountRoute[] = [
  { name: "GET /api/rooms", probe: async (c) => jsonAnswer(await c.request("/api/rooms"), none), expect: ["401 unauthorized", "200"] },
  { name: "POST /api/rooms public", probe: (c) => post(c, "/api/rooms", { name: "mx-new", kind: "public" }), expect: ["401 unauthorized", "201"] },
  { name: "POST /api/rooms private", probe: (c) => post(c, "/api/rooms", { name: "mx-new", kind: "private" }), expect: ["401 unauthorized", "201"] },
  // A DM is made only by /api/dm, between exactly two people.
  { name: "POST /api/rooms dm", probe: (c) => post(c, "/api/rooms", { name: "mx-new", kind: "dm" }), expect: ["401 unauthorized", "400 invalid"] },
  { name: "POST /api/dm other", probe: (c) => post(c, "/api/dm", { username: "mx_member" }), expect: ["401 unauthorized", "200"] },
  { name: "POST /api/dm self", probe: (c, me) => post(c, "/api/dm", { username: me }), expect: ["401 unauthorized", "400 cannot_dm_self"] },
  { name: "POST /api/dm unknown user", probe: (c) => post(c, "/api/dm", { username: "mx_nobody" }), expect: ["401 unauthorized", "404 user_not_found"] },
  // A wrong current password: refused, and nothing about the session changes (the change itself: test/account.test.ts).
  { name: "POST /api/account/password", probe: (c) => post(c, "/api/account/password", { currentPassword: "not-it", newPassword: "password-456" }), expect: ["401 unauthorized", "403 wrong_password"] },
  { name: "GET /api/search", probe: async (c) => jsonAnswer(await c.request("/api/search?q=original"), none), expect: ["401 unauthorized", "200"] },
  { name: "GET /api/search bad q", probe: async (c) => jsonAnswer(await c.request("/api/search?q="), none), expect: ["401 unauthorized", "400 invalid"] },
  { name: "POST /api/signup", probe: (c) => post(c, "/api/signup", { username: fresh(), password: "password-123" }), expect: ["201", "201"] },
];
