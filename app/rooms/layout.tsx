import type { ReactNode } from "react";
import { ChatShell } from "@/components/shell/chat-shell";
import { getSidebarRoomsByUser } from "@/db/queries/sidebar-rooms";
import { getDb } from "@/lib/db";
import { getSessionUser } from "@/lib/session";
import { realtimeSocketUrl } from "@/lib/socket-url";

/**
 * Every /rooms page sits in the app shell: the sidebar and one socket kept
 * across room switches (Link navigation keeps this layout's client state).
 * Signed out, the pages themselves redirect to sign-in.
 */
export default async function RoomsLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) return children;
  const rooms = await getSidebarRoomsByUser(getDb(), user.id);
  return (
    <ChatShell me={user} socketUrl={await realtimeSocketUrl()} rooms={rooms}>
      {children}
    </ChatShell>
  );
}
