import type { ChatMessage } from "@/protocol";
import { ArchiveReactions } from "./archive-reactions";
import { LocalTime } from "./local-time";
import { MessageBody } from "./message-body";

/** One message of the archive page: author, time, body (the live room's markdown subset, server-rendered). Addressable as #m-SEQ (search results link there), highlighted when targeted. */
export function ArchiveMessage({ message, me }: { message: ChatMessage; me: string }) {
  return (
    <li
      id={`m-${message.seq}`}
      data-testid="archive-message"
      data-seq={message.seq}
      data-deleted={message.deleted || undefined}
      className="scroll-mt-4 px-4 py-3 target:bg-amber-50 target:ring-2 target:ring-inset target:ring-amber-300"
    >
      <div className="flex items-baseline gap-2 text-sm">
        <span className="font-semibold text-slate-900">{message.author.username}</span>
        <LocalTime iso={message.createdAt} className="text-xs text-slate-500" />
        {message.editedAt && !message.deleted ? <span data-testid="edited-mark" className="text-xs text-slate-400">(edited)</span> : null}
      </div>
      {message.deleted ? (
        <p data-testid="tombstone" className="mt-0.5 text-sm italic text-slate-400">message deleted</p>
      ) : (
        <MessageBody body={message.body} me={me} size="base" className="mt-0.5" />
      )}
      {message.deleted ? null : <ArchiveReactions reactions={message.reactions} />}
    </li>
  );
}
