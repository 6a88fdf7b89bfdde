"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { codePointLength, defaultLimits, type BodyProblem } from "@/protocol";
import { MentionListbox, mentionOptionId } from "./mention-listbox";
import { useMentionAutocomplete, type Mentionable } from "./use-mention-autocomplete";

type Props = {
  roomName: string;
  /** Returns why the body was refused, or null once it is queued. */
  onSend: (body: string) => BodyProblem | null;
  onTyping: () => void;
  /** Up arrow in an empty composer: edit my last message; false when there is none. */
  onEditLast?: () => boolean;
  /** Who `@` offers: the room's members. */
  members?: readonly Mentionable[];
};

const noMembers: readonly Mentionable[] = [];

const limit = defaultLimits.bodyCodePoints;

/**
 * Enter sends, Shift+Enter starts a new line; `@` plus letters offers the
 * members (use-mention-autocomplete.ts). Typing frames are throttled by the
 * room (lib/chat/room-writes.ts).
 */
export function Composer({ roomName, onSend, onTyping, onEditLast, members = noMembers }: Props) {
  const [text, setText] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mention = useMentionAutocomplete({ members, text, setText, textarea });
  const { open, active } = mention;
  const listId = useId();
  const length = codePointLength(text.trim());
  const tooLong = length > limit;

  const submit = () => {
    const body = text.trim();
    if (body.length === 0 || tooLong) return;
    if (onSend(body) === null) setText("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(event)) return;
    if (event.key === "ArrowUp" && text === "" && onEditLast?.()) return event.preventDefault();
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className="border-t border-slate-200 bg-white px-4 py-3"
    >
      <div className="relative flex items-end gap-2">
        {open ? <MentionListbox id={listId} options={mention.options} active={active} onPick={mention.pick} /> : null}
        <textarea
          ref={textarea}
          data-testid="composer"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? mentionOptionId(listId, active) : undefined}
          value={text}
          rows={2}
          placeholder={`Message ${roomName}`}
          aria-label={`Message ${roomName}`}
          aria-invalid={tooLong}
          aria-describedby={tooLong ? "composer-error" : undefined}
          onChange={(event) => {
            setText(event.target.value);
            mention.track(event.target);
            if (event.target.value.trim()) onTyping();
          }}
          onSelect={(event) => mention.track(event.currentTarget)}
          onBlur={() => mention.close()}
          onKeyDown={onKeyDown}
          className="block max-h-48 min-h-[2.75rem] w-full resize-y rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 aria-[invalid=true]:border-rose-400"
        />
        <button
          type="submit"
          disabled={length === 0 || tooLong}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:opacity-50"
        >
          Send
        </button>
      </div>
      {tooLong ? (
        <p id="composer-error" data-testid="composer-error" role="alert" className="mt-1 text-xs text-rose-600">
          Too long: {length.toLocaleString("en")} characters, the limit is {limit.toLocaleString("en")}.
        </p>
      ) : null}
    </form>
  );
}
