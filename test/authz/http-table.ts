import type { WebClient } from "../web-client";
import { actionAnswer, jsonAnswer, pageAnswer, type Answer } from "./answer";
import { memberRoutes } from "./members-table";
import { callAction } from "./server-action";
import { addedUsername, type Target } from "./world";

/*
 * Every room-scoped HTTP entry point: the JSON routes, the two pages and the
 * two server actions of app/rooms/[id]/actions.ts (called the way the
 * browser calls them, so a tampered room id is exactly what an attacker
 * would send). Expected answers per contract.md / docs/api.md, in actor
 * order [anonymous, nonMember, member, author, owner]; a DM has no owner.
 * The unknown and malformed rooms must answer as the private room does.
 */
export type Row = [anonymous: string, nonMember: string, member: string, author: string, owner: string | null];
export type HttpRoute = {
  name: string;
  probe: (client: WebClient, target: Target) => Promise<Answer>;
  expect: { public: Row; private: Row; dm: Row };
  /** Whether a non-member who does this to a public room is a member afterwards. */
  joinsPublic: boolean;
};

const unauthorized = "401 unauthorized";
const toSignIn = "307 /signin";

export const httpRoutes: HttpRoute[] = [
  {
    name: "POST /api/rooms/{id}/join",
    probe: async (c, t) => jsonAnswer(await c.request(`/api/rooms/${t.roomId}/join`, { method: "POST", json: {} }), t),
    expect: {
      public: [unauthorized, "200", "200", "200", "200"],
      private: [unauthorized, "404 not_found", "200", "200", "200"],
      dm: [unauthorized, "404 not_found", "200", "200", null],
    },
    joinsPublic: true,
  },
  {
    name: "POST /api/rooms/{id}/members",
    probe: async (c, t) =>
      jsonAnswer(await c.request(`/api/rooms/${t.roomId}/members`, { method: "POST", json: { username: addedUsername } }), t),
    expect: {
      public: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "400 not_private"],
      private: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "201"],
      dm: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", null],
    },
    joinsPublic: false,
  },
  {
    name: "GET /api/rooms/{id}/messages?before",
    probe: async (c, t) => jsonAnswer(await c.request(`/api/rooms/${t.roomId}/messages?before=999&limit=5`), t),
    expect: {
      public: [unauthorized, "200", "200", "200", "200"],
      private: [unauthorized, "404 not_found", "200", "200", "200"],
      dm: [unauthorized, "404 not_found", "200", "200", null],
    },
    joinsPublic: false,
  },
  {
    name: "GET /api/rooms/{id}/messages?after",
    probe: async (c, t) => jsonAnswer(await c.request(`/api/rooms/${t.roomId}/messages?after=0`), t),
    expect: {
      public: [unauthorized, "200", "200", "200", "200"],
      private: [unauthorized, "404 not_found", "200", "200", "200"],
      dm: [unauthorized, "404 not_found", "200", "200", null],
    },
    joinsPublic: false,
  },
  {
    name: "GET /rooms/{id}",
    probe: async (c, t) => pageAnswer(await c.request(`/rooms/${t.roomId}`), t),
    expect: {
      public: [toSignIn, "200", "200", "200", "200"],
      private: [toSignIn, "404", "200", "200", "200"],
      dm: [toSignIn, "404", "200", "200", null],
    },
    joinsPublic: false,
  },
  {
    name: "GET /rooms/{id}/history",
    probe: async (c, t) => pageAnswer(await c.request(`/rooms/${t.roomId}/history?before=999`), t),
    expect: {
      public: [toSignIn, "200", "200", "200", "200"],
      private: [toSignIn, "404", "200", "200", "200"],
      dm: [toSignIn, "404", "200", "200", null],
    },
    joinsPublic: false,
  },
  {
    name: "action joinRoomAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "joinRoomAction", t, [t.roomId]), t),
    expect: {
      public: ["→ /signin", "→ /rooms/:room", "→ /rooms/:room", "→ /rooms/:room", "→ /rooms/:room"],
      private: ["→ /signin", "→ /rooms", "→ /rooms/:room", "→ /rooms/:room", "→ /rooms/:room"],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room", "→ /rooms/:room", null],
    },
    joinsPublic: true,
  },
  {
    name: "action addMemberAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "addMemberAction", t, [t.roomId, "$K1"], { username: addedUsername }), t),
    expect: {
      public: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=member_forbidden", "→ /rooms/:room?error=member_forbidden", "→ /rooms/:room?error=member_not_private"],
      private: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=member_forbidden", "→ /rooms/:room?error=member_forbidden", `→ /rooms/:room?added=${addedUsername}`],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=member_forbidden", "→ /rooms/:room?error=member_forbidden", null],
    },
    joinsPublic: false,
  },
  {
    name: "GET /api/rooms (lists it?)",
    probe: listed,
    expect: {
      public: [unauthorized, "listed", "listed", "listed", "listed"],
      private: [unauthorized, "not listed", "listed", "listed", "listed"],
      dm: [unauthorized, "not listed", "listed", "listed", null],
    },
    joinsPublic: false,
  },
  {
    // The cell's message says "original", and is the newest message there is: were it readable, it would come first.
    name: "GET /api/search (finds its message?)",
    probe: found,
    expect: {
      public: [unauthorized, "listed", "listed", "listed", "listed"],
      private: [unauthorized, "not listed", "listed", "listed", "listed"],
      dm: [unauthorized, "not listed", "listed", "listed", null],
    },
    joinsPublic: false,
  },
  ...memberRoutes,
];

async function found(client: WebClient, target: Target): Promise<Answer> {
  const response = await client.request("/api/search?q=original&limit=5");
  if (response.status !== 200) return jsonAnswer(response, target);
  const { results } = (await response.json()) as { results: { id: string }[] };
  const summary = results.some((r) => r.id === target.messageId) ? "listed" : "not listed";
  return { summary, detail: summary };
}

async function listed(client: WebClient, target: Target): Promise<Answer> {
  const response = await client.request("/api/rooms");
  if (response.status !== 200) return jsonAnswer(response, target);
  const { rooms } = (await response.json()) as { rooms: { id: string }[] };
  const summary = rooms.some((r) => r.id === target.roomId) ? "listed" : "not listed";
  return { summary, detail: summary };
}
