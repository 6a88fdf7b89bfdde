"use server";

import { redirect } from "next/navigation";
import { deleteRoom, leaveRoomAsMember, removeMember, renameRoom } from "@/db/queries/members";
import { getDb } from "@/lib/db";
import { roomAdminRetryAfter } from "@/lib/room-admin-limiter";
import { roomNameInput } from "@/lib/schemas";
import { requireUserOrRedirect } from "@/lib/session";

/*
 * The members panel's forms (components/members-panel.tsx), which work with
 * JavaScript off. Ids come back from the browser, so they are untrusted: the
 * queries (db/queries/members.ts) re-check membership and ownership; a room
 * the caller is not in answers as a missing one (back to /rooms). Same limit
 * as the JSON routes (ROOM_ADMIN_RATE_LIMIT).
 */
const roomPath = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`;

async function allowed(roomId: string): Promise<{ id: string }> {
  const user = await requireUserOrRedirect(roomPath(roomId));
  if ((await roomAdminRetryAfter(user.id)) > 0) redirect(`${roomPath(roomId)}?error=rate_limited`);
  return user;
}

export async function removeMemberAction(roomId: string, formData: FormData): Promise<void> {
  const user = await allowed(roomId);
  const userId = String(formData.get("userId") ?? "");
  const result = await removeMember(getDb(), { roomId, actorId: user.id, userId });
  if (result === "not_found") redirect("/rooms");
  redirect(result === "removed" ? roomPath(roomId) : `${roomPath(roomId)}?error=${result === "forbidden" ? "owner_only" : result}`);
}

export async function leaveRoomAction(roomId: string): Promise<void> {
  const user = await allowed(roomId);
  const result = await leaveRoomAsMember(getDb(), { roomId, actorId: user.id });
  if (result === "not_found") redirect("/rooms");
  // ?left / ?deleted tell a success apart from the not-found answer (same list page).
  if (result === "left") redirect("/rooms?left=1");
  redirect(`${roomPath(roomId)}?error=${result}`);
}

export async function renameRoomAction(roomId: string, formData: FormData): Promise<void> {
  const user = await allowed(roomId);
  const input = roomNameInput.safeParse({ name: formData.get("name") });
  if (!input.success) redirect(`${roomPath(roomId)}?error=room_name_invalid`);
  const result = await renameRoom(getDb(), { roomId, actorId: user.id, name: input.data.name });
  if (result === "not_found") redirect("/rooms");
  redirect(result === "done" ? roomPath(roomId) : `${roomPath(roomId)}?error=owner_only`);
}

export async function deleteRoomAction(roomId: string): Promise<void> {
  const user = await allowed(roomId);
  const result = await deleteRoom(getDb(), { roomId, actorId: user.id });
  if (result === "forbidden") redirect(`${roomPath(roomId)}?error=owner_only`);
  redirect(result === "done" ? "/rooms?deleted=1" : "/rooms");
}
