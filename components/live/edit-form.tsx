"use client";

import { useState, type KeyboardEvent } from "react";
import { useRoomActions } from "./room-actions";

type Props = { messageId: string; body: string };

/** Inline edit of my message: Enter saves, Shift+Enter is a new line, Esc cancels. */
export function EditForm({ messageId, body }: Props) {
  const actions = useRoomActions();
  const [text, setText] = useState(body);
  const [problem, setProblem] = useState<string | null>(null);
  if (!actions) return null;
  const done = () => actions.editing.finish();

  const save = () => {
    const next = text.trim();
    if (next === body) return done();
    if (next === "") return setProblem("A message cannot be empty: delete it instead.");
    const refused = actions.edit(messageId, next);
    if (refused) return setProblem(refused === "too_large" ? "Too long for a message." : "This text cannot be stored.");
    done();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Escape") {
      event.preventDefault();
      done();
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      save();
    }
  };

  return (
    <form
      data-testid="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      className="mt-1"
    >
      <textarea
        data-testid="edit-input"
        aria-label="Edit message"
        aria-invalid={problem !== null}
        aria-describedby={problem ? `edit-problem-${messageId}` : undefined}
        value={text}
        autoFocus
        onFocus={(event) => event.target.setSelectionRange(event.target.value.length, event.target.value.length)}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        rows={2}
        className="block w-full resize-y rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
      {problem ? (
        <p id={`edit-problem-${messageId}`} role="alert" className="mt-1 text-xs text-rose-600">{problem}</p>
      ) : null}
      <div className="mt-1 flex items-center gap-2 text-xs">
        <button type="submit" data-testid="edit-save" className="rounded bg-indigo-600 px-2 py-1 font-medium text-white hover:bg-indigo-500">
          Save
        </button>
        <button type="button" data-testid="edit-cancel" onClick={done} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
          Cancel
        </button>
        <span className="text-slate-400">Enter to save, Esc to cancel</span>
      </div>
    </form>
  );
}
