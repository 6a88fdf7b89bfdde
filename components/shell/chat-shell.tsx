"use client";

/**
 * The app shell around every /rooms page: the sidebar, and the one socket
 * (ShellController) that outlives room switches, since a layout's client
 * state survives Link navigation. The room page's LiveRoom borrows the
 * socket through ShellContext. The first paint is server-rendered from the
 * server's snapshot; with JavaScript off the sidebar is plain links.
 */
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { ChatConnection } from "@/lib/chat/connection";
import { ShellController } from "@/lib/chat/shell-controller";
import type { SidebarRoom, Viewer } from "@/lib/chat/unread";
import { EnableNotifications } from "./enable-notifications";
import { RoomsDrawer } from "./rooms-drawer";
import { ShellContext } from "./shell-context";
import { Sidebar } from "./sidebar";
import { UnreadTitle } from "./unread-title";
import { useMentionNotifications } from "./use-mention-notifications";

type Props = { me: Viewer; socketUrl: string; rooms: SidebarRoom[]; children: ReactNode };

export function ChatShell({ me, socketUrl, rooms, children }: Props) {
  const [shell] = useState(() => new ShellController(me, rooms, { connection: new ChatConnection(socketUrl) }));
  useEffect(() => {
    shell.start();
    return () => shell.stop();
  }, [shell]);
  const pathname = usePathname();
  const firstPath = useRef(true);
  useEffect(() => {
    // A navigation may have joined a room (the directory): a fresh snapshot. The first comes with the page.
    if (firstPath.current) firstPath.current = false;
    else shell.refresh();
  }, [pathname, shell]);
  useMentionNotifications(shell);
  const view = useSyncExternalStore(shell.subscribe, shell.getSnapshot, shell.getSnapshot);
  const sidebar = (
    <>
      <Sidebar rooms={view.rooms} pathname={pathname} />
      <EnableNotifications />
    </>
  );
  return (
    <ShellContext.Provider value={shell}>
      <div data-testid="app-shell" className="md:grid md:grid-cols-[14rem_minmax(0,1fr)] md:gap-6">
        <RoomsDrawer total={view.total} pathname={pathname}>{sidebar}</RoomsDrawer>
        <aside aria-label="Your rooms" data-testid="sidebar" className="hidden md:block">{sidebar}</aside>
        <div className="min-w-0">{children}</div>
      </div>
      <UnreadTitle total={view.total} />
    </ShellContext.Provider>
  );
}
