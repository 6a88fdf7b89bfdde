import type { WebClient } from "../web-client";
import { actionAnswer, jsonAnswer, type Answer } from "./answer";
import { callAction } from "./server-action";
import type { Target } from "./world";

/*
 * The members routes and actions (issue 10): the owner removes, renames,
 * deletes; a member leaves. Rows as in http-table.ts, in actor order
 * [anonymous, nonMember, member, author, owner]; a DM has no owner. Each cell
 * has a room of its own, so a removal or deletion that succeeds touches no
 * other cell (the shared DM refuses all four). The member removed is the
 * author, found through the members list as the caller sees it (a caller who
 * may not see the list asks about a random id: the answer must not differ).
 */
type Row = [string, string, string, string, string | null];
type Entry = { name: string; probe: (client: WebClient, target: Target) => Promise<Answer>; expect: { public: Row; private: Row; dm: Row }; joinsPublic: boolean };

const unauthorized = "401 unauthorized";
const nobody = "00000000-0000-4000-8000-000000000000";

async function authorId(client: WebClient, target: Target): Promise<string> {
  const response = await client.request(`/api/rooms/${target.roomId}/members`);
  if (response.status !== 200) return nobody;
  const { members } = (await response.json()) as { members: { id: string; username: string }[] };
  return members.find((m) => m.username === "mx_author")?.id ?? nobody;
}

const json = (method: string, path: (t: Target) => string, body?: unknown) => async (c: WebClient, t: Target) =>
  jsonAnswer(await c.request(path(t), { method, json: body }), t);

export const memberRoutes: Entry[] = [
  {
    name: "GET /api/rooms/{id}/members",
    probe: json("GET", (t) => `/api/rooms/${t.roomId}/members`),
    expect: {
      public: [unauthorized, "200", "200", "200", "200"],
      private: [unauthorized, "404 not_found", "200", "200", "200"],
      dm: [unauthorized, "404 not_found", "200", "200", null],
    },
    joinsPublic: false,
  },
  {
    name: "DELETE /api/rooms/{id}/members/{author}",
    probe: async (c, t) => jsonAnswer(await c.request(`/api/rooms/${t.roomId}/members/${await authorId(c, t)}`, { method: "DELETE" }), t),
    expect: {
      public: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      private: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      dm: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", null],
    },
    joinsPublic: false,
  },
  {
    name: "POST /api/rooms/{id}/leave",
    probe: json("POST", (t) => `/api/rooms/${t.roomId}/leave`),
    expect: {
      public: [unauthorized, "404 not_found", "200", "200", "409 owner_cannot_leave"],
      private: [unauthorized, "404 not_found", "200", "200", "409 owner_cannot_leave"],
      dm: [unauthorized, "404 not_found", "409 cannot_leave_dm", "409 cannot_leave_dm", null],
    },
    joinsPublic: false,
  },
  {
    name: "PATCH /api/rooms/{id}",
    probe: json("PATCH", (t) => `/api/rooms/${t.roomId}`, { name: "renamed by mx" }),
    expect: {
      public: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      private: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      dm: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", null],
    },
    joinsPublic: false,
  },
  {
    name: "DELETE /api/rooms/{id}",
    probe: json("DELETE", (t) => `/api/rooms/${t.roomId}`),
    expect: {
      public: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      private: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", "200"],
      dm: [unauthorized, "404 not_found", "403 forbidden", "403 forbidden", null],
    },
    joinsPublic: false,
  },
  {
    name: "action removeMemberAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "removeMemberAction", t, [t.roomId, "$K1"], { userId: await authorId(c, t) }), t),
    expect: {
      public: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms/:room"],
      private: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms/:room"],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", null],
    },
    joinsPublic: false,
  },
  {
    name: "action renameRoomAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "renameRoomAction", t, [t.roomId, "$K1"], { name: "renamed by mx" }), t),
    expect: {
      public: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms/:room"],
      private: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms/:room"],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", null],
    },
    joinsPublic: false,
  },
  {
    name: "action leaveRoomAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "leaveRoomAction", t, [t.roomId]), t),
    expect: {
      public: ["→ /signin", "→ /rooms", "→ /rooms?left=1", "→ /rooms?left=1", "→ /rooms/:room?error=owner_cannot_leave"],
      private: ["→ /signin", "→ /rooms", "→ /rooms?left=1", "→ /rooms?left=1", "→ /rooms/:room?error=owner_cannot_leave"],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=cannot_leave_dm", "→ /rooms/:room?error=cannot_leave_dm", null],
    },
    joinsPublic: false,
  },
  {
    name: "action deleteRoomAction",
    probe: async (c, t) => actionAnswer(await callAction(c, "deleteRoomAction", t, [t.roomId]), t),
    expect: {
      public: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms?deleted=1"],
      private: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", "→ /rooms?deleted=1"],
      dm: ["→ /signin", "→ /rooms", "→ /rooms/:room?error=owner_only", "→ /rooms/:room?error=owner_only", null],
    },
    joinsPublic: false,
  },
];
