import type { ChatMessage } from "@/protocol";
import { LocalTime } from "./local-time";
import { MessageBody } from "./message-body";

/** One message of the archive page: author, time, body (the live room's markdown subset, server-rendered). */
export function ArchiveMessage({ message }: { message: ChatMessage }) {
  return (
    <li data-testid="archive-message" data-seq={message.seq} className="px-4 py-3">
      <div className="flex items-baseline gap-2 text-sm">
        <span className="font-semibold text-slate-900">{message.author.username}</span>
        <LocalTime iso={message.createdAt} className="text-xs text-slate-500" />
        {message.editedAt && !message.deleted ? <span className="text-xs text-slate-400">(edited)</span> : null}
      </div>
      {message.deleted ? (
        <p className="mt-0.5 text-sm italic text-slate-400">message deleted</p>
      ) : (
        <MessageBody body={message.body} size="base" className="mt-0.5" />
      )}
    </li>
  );
}
