"use client";

import { memo } from "react";
import type { TimelineItem } from "@/lib/chat/timeline";
import { MessageBody } from "../message-body";
import { EditForm } from "./edit-form";
import { MessageActions } from "./message-actions";
import { MessageTime } from "./message-time";
import { useEditing } from "./room-actions";

/** `continued`: the same author's previous message is just above, so author and avatar are not repeated. */
type Props = { item: TimelineItem; mine: boolean; meName?: string; continued?: boolean; onRetry: (clientMsgId: string) => void };

/** One message. The body is the markdown subset of components/message-body.tsx (escaped, no raw HTML). */
export const MessageItem = memo(function MessageItem({ item, mine, meName, continued = false, onRetry }: Props) {
  const editing = useEditing(item.id);
  return (
    <li
      data-testid="message"
      data-id={item.id ?? ""}
      data-seq={item.seq ?? ""}
      data-status={item.status}
      data-deleted={item.deleted || undefined}
      data-client-msg-id={item.clientMsgId}
      data-continued={continued ? "true" : undefined}
      className={`group relative flex gap-3 px-4 hover:bg-slate-50 ${continued ? "py-0.5" : "mt-1 py-1.5"} ${item.status === "pending" ? "opacity-70" : ""}`}
    >
      {continued ? <ContinuedGutter iso={item.createdAt} /> : <Avatar name={item.author.username} mine={mine} />}
      <div className="min-w-0 flex-1">
        <div className={continued ? "sr-only" : "flex items-baseline gap-2"}>
          <span data-testid="message-author" className="truncate text-sm font-semibold text-slate-900">
            {item.author.username}
          </span>
          {continued ? null : <MessageTime iso={item.createdAt} />}
          {item.edited && !item.deleted ? <span data-testid="edited-mark" className="text-xs text-slate-400">(edited)</span> : null}
        </div>
        {editing && item.id && !item.deleted ? (
          <EditForm messageId={item.id} body={item.body} />
        ) : item.deleted ? (
          <p data-testid="message-body" className="text-sm leading-relaxed">
            <em data-testid="tombstone" className="text-slate-400">message deleted</em>
          </p>
        ) : (
          <MessageBody body={item.body} me={meName} />
        )}
        <MessageActions item={item} />
        <SendState item={item} onRetry={onRetry} />
      </div>
    </li>
  );
});

function SendState({ item, onRetry }: Pick<Props, "item" | "onRetry">) {
  if (item.status === "pending") return <span className="text-xs text-slate-400">sending…</span>;
  if (item.status !== "failed") return null;
  return (
    <span className="flex items-center gap-2 text-xs text-rose-600">
      <span>Not sent{item.error ? `: ${item.error}` : ""}</span>
      <button
        type="button"
        data-testid="retry-button"
        onClick={() => onRetry(item.clientMsgId)}
        className="font-medium text-indigo-700 hover:underline"
      >
        Retry
      </button>
    </span>
  );
}

/** Where a grouped message's avatar would be: its time, shown on hover or keyboard focus. */
function ContinuedGutter({ iso }: { iso: string }) {
  return (
    <span className="flex w-8 shrink-0 justify-end overflow-hidden whitespace-nowrap pt-0.5 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 [&_time]:text-[0.65rem]">
      <MessageTime iso={iso} />
    </span>
  );
}

function Avatar({ name, mine }: { name: string; mine: boolean }) {
  const tone = mine ? "bg-indigo-600 text-white" : "bg-slate-200 text-slate-700";
  return (
    <span aria-hidden className={`mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold uppercase ${tone}`}>
      {[...name][0] ?? "?"}
    </span>
  );
}
