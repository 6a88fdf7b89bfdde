"use server";

import { redirect } from "next/navigation";
import { createRoomWithinCap } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { openDm } from "@/lib/dm";
import { getEnv } from "@/lib/env";
import { roomInput, usernameInput } from "@/lib/schemas";
import { requireUserOrRedirect } from "@/lib/session";

/** Create a room owned by the caller and open it. Errors come back as ?error=. */
export async function createRoomAction(formData: FormData): Promise<void> {
  const user = await requireUserOrRedirect("/rooms");
  const input = roomInput.safeParse({ name: formData.get("name"), kind: formData.get("kind") });
  if (!input.success) redirect("/rooms?error=room_invalid&form=room");
  const room = await createRoomWithinCap(getDb(), { ...input.data, ownerId: user.id }, getEnv().MAX_ROOMS_PER_USER);
  if (!room) redirect("/rooms?error=room_limit&form=room");
  redirect(`/rooms/${room.id}`);
}

/** Open (or create) the DM room with another user. */
export async function openDmAction(formData: FormData): Promise<void> {
  const user = await requireUserOrRedirect("/rooms");
  const input = usernameInput.safeParse({ username: formData.get("username") });
  if (!input.success) redirect("/rooms?error=dm_invalid&form=dm");
  const result = await openDm(user, input.data.username);
  if ("error" in result) {
    redirect(`/rooms?error=${result.error === "self" ? "dm_self" : "user_not_found"}&form=dm`);
  }
  redirect(`/rooms/${result.room.id}`);
}
