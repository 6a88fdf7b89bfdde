"use client";

/**
 * The live chat room. The server pass renders `initialMessages` straight from
 * the controller's first snapshot, so the history is in the HTML; the socket
 * starts only after hydration (useEffect). All chat logic lives in lib/chat/.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { ChatMessage } from "@/protocol";
import { RoomController } from "@/lib/chat/room-controller";
import { Composer } from "./live/composer";
import { ConnectionStatus } from "./live/connection-status";
import { MessageList } from "./live/message-list";
import { PresenceList } from "./live/presence-list";
import { RoomError } from "./live/room-error";
import { TypingIndicator } from "./live/typing-indicator";

export type LiveRoomProps = {
  room: { id: string; name: string; kind: "public" | "private" | "dm" };
  me: { id: string; username: string };
  initialMessages: ChatMessage[]; // oldest first
  initialCursor: number; // room lastSeq at render time
  olderBefore: number | null; // for "load older"; null = no older
  socketUrl: string; // ws URL of the sidecar
};

export function LiveRoom(props: LiveRoomProps) {
  // A new room (client-side navigation) gets a fresh controller and socket.
  return <LiveRoomSession key={`${props.room.id}:${props.me.id}`} {...props} />;
}

function LiveRoomSession(props: LiveRoomProps) {
  const [controller] = useState(() => new RoomController(props));
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  const view = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  // Stable callbacks, so memoised rows and effects do not churn on every frame.
  const actions = useMemo(
    () => ({
      loadOlder: () => void controller.loadOlder(),
      retry: (clientMsgId: string) => controller.retry(clientMsgId),
      seen: () => controller.markSeen(),
      send: (body: string) => controller.send(body),
      typing: () => controller.typingNow(),
      dismissError: () => controller.dismissError(),
    }),
    [controller],
  );

  return (
    <section
      aria-label={`Room ${props.room.name}`}
      className="flex h-[calc(100dvh-14rem)] min-h-[26rem] flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/80 px-4 py-2">
        <PresenceList presence={view.presence} meId={props.me.id} />
        <ConnectionStatus connection={view.connection} closedFor={view.closedFor} />
      </header>
      {view.roomError ? <RoomError message={view.roomError} onDismiss={actions.dismissError} /> : null}
      <MessageList
        items={view.items}
        meId={props.me.id}
        olderBefore={view.olderBefore}
        loadingOlder={view.loadingOlder}
        onLoadOlder={actions.loadOlder}
        onRetry={actions.retry}
        onSeen={actions.seen}
      />
      <TypingIndicator names={view.typing} />
      <Composer roomName={props.room.name} onSend={actions.send} onTyping={actions.typing} />
    </section>
  );
}

export default LiveRoom;
