"use server";

import { redirect } from "next/navigation";
import { addMember, joinRoom } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { usernameInput } from "@/lib/schemas";
import { requireUserOrRedirect } from "@/lib/session";

/*
 * The room id is bound by the page but comes back from the browser, so it is
 * untrusted: joinRoom and addMember re-check access (getRoomAccess) and
 * ownership on the server; a room the caller cannot see answers not found.
 */
export async function joinRoomAction(roomId: string): Promise<void> {
  const user = await requireUserOrRedirect(`/rooms/${roomId}`);
  const room = await joinRoom(getDb(), roomId, user.id);
  redirect(room ? `/rooms/${room.id}` : "/rooms");
}

export async function addMemberAction(roomId: string, formData: FormData): Promise<void> {
  const user = await requireUserOrRedirect(`/rooms/${roomId}`);
  const back = `/rooms/${encodeURIComponent(roomId)}`;
  const input = usernameInput.safeParse({ username: formData.get("username") });
  if (!input.success) redirect(`${back}?error=dm_invalid`);
  const result = await addMember(getDb(), { roomId, actorId: user.id, username: input.data.username });
  const errors = {
    added: null,
    not_found: "not_found",
    forbidden: "member_forbidden",
    no_such_user: "user_not_found",
    not_private: "member_not_private",
  } as const;
  const error = errors[result];
  if (error === "not_found") redirect("/rooms");
  redirect(error ? `${back}?error=${error}` : `${back}?added=${encodeURIComponent(input.data.username)}`);
}
