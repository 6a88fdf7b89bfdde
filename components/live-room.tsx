"use client";

/**
 * The live chat room. The server pass renders `initialMessages` straight from
 * the controller's first snapshot, so the history is in the HTML; the socket
 * starts only after hydration (useEffect). All chat logic lives in lib/chat/.
 */
import { useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { ChatConnection } from "@/lib/chat/connection";
import { RoomController } from "@/lib/chat/room-controller";
import type { LiveRoomInit } from "@/lib/chat/room-state";
import type { TimelineItem } from "@/lib/chat/timeline";
import { Composer } from "./live/composer";
import { ConnectionStatus } from "./live/connection-status";
import { MessageList } from "./live/message-list";
import { PresenceList } from "./live/presence-list";
import { RoomActionsProvider } from "./live/room-actions";
import { RoomError } from "./live/room-error";
import { RoomViewContext } from "./live/room-view-context";
import { TypingIndicator } from "./live/typing-indicator";
import type { Mentionable } from "./live/use-mention-autocomplete";
import { useMessageActions } from "./live/use-message-actions";
import { ShellContext } from "./shell/shell-context";

/**
 * `aside`: a panel shown beside the room that reads its live view (RoomViewContext), e.g. the members panel.
 * `members`: whom the composer's `@` offers.
 */
type Props = LiveRoomInit & { aside?: ReactNode; members?: readonly Mentionable[] };

export function LiveRoom(props: Props) {
  // A new room (client-side navigation) gets a fresh controller and connection.
  return <LiveRoomSession key={`${props.room.id}:${props.me.id}`} {...props} />;
}

function LiveRoomSession(props: Props) {
  // Inside the app shell the room borrows the shell's socket (one for every room); alone it has its own.
  const shell = useContext(ShellContext);
  const [controller] = useState(
    () => new RoomController(props, { connection: shell?.connection ?? new ChatConnection(props.socketUrl), onWrite: shell?.wrote, otherRoom: shell?.watches }),
  );
  // Where the user left off: the first message by someone else above the read marker, as the page opened.
  const [firstUnread] = useState(() => firstUnreadKey(controller.getSnapshot().items, props.readSeq, props.me.id));
  useEffect(() => {
    // The room first, so it hears the connection's first `ready`.
    const release = shell?.claim(props.room.id);
    controller.start();
    if (!shell) controller.connection.start();
    return () => {
      controller.stop();
      release?.();
      if (!shell) controller.connection.stop();
    };
  }, [controller, shell, props.room.id]);
  const view = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  // Stable callbacks, so memoised rows and effects do not churn on every frame.
  const actions = useMemo(
    () => ({
      loadOlder: () => controller.loadOlder(),
      retry: (clientMsgId: string) => controller.retry(clientMsgId),
      seen: (upTo: number) => controller.markSeen(upTo),
      send: (body: string) => controller.send(body),
      typing: () => controller.typingNow(),
      dismissError: () => controller.dismissError(),
    }),
    [controller],
  );
  const messageActions = useMessageActions(controller, props);

  return (
    <RoomViewContext value={view}>
      <div className="flex flex-col gap-4 lg:flex-row">
        <section
          aria-label={`Room ${props.room.name}`}
          className="flex h-[calc(100dvh-14rem)] min-h-[26rem] min-w-0 flex-1 flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
        >
          <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/80 px-4 py-2">
            <PresenceList presence={view.presence} meId={props.me.id} />
            <ConnectionStatus connection={view.connection} closedFor={view.closedFor} />
          </header>
          {view.roomError ? <RoomError message={view.roomError} onDismiss={actions.dismissError} /> : null}
          <RoomActionsProvider value={messageActions}>
            <MessageList
              items={view.items}
              meId={props.me.id}
              meName={props.me.username}
              olderBefore={view.olderBefore}
              loadingOlder={view.loadingOlder}
              onLoadOlder={actions.loadOlder}
              onRetry={actions.retry}
              onSeen={actions.seen}
              dividerBefore={firstUnread}
            />
          </RoomActionsProvider>
          <TypingIndicator names={view.typing} />
          {view.removed ? (
            <p data-testid="room-removed" className="border-t border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-600">
              You can no longer send messages here.
            </p>
          ) : (
            <Composer
              roomName={props.room.name}
              onSend={actions.send}
              onTyping={actions.typing}
              onEditLast={messageActions.editLast}
              members={props.members?.filter((m) => m.id !== props.me.id)}
            />
          )}
        </section>
        {props.aside}
      </div>
    </RoomViewContext>
  );
}

function firstUnreadKey(items: readonly TimelineItem[], readSeq: number | null | undefined, me: string): string | null {
  if (readSeq === null || readSeq === undefined) return null;
  return items.find((item) => item.seq !== null && item.seq > readSeq && item.author.id !== me)?.key ?? null;
}
