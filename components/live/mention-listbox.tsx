"use client";

import type { Mentionable } from "./use-mention-autocomplete";

type Props = { id: string; options: readonly Mentionable[]; active: number; onPick: (member: Mentionable) => void };

export const mentionOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The members matching the `@query` being typed; the composer's textarea keeps focus (aria-activedescendant). */
export function MentionListbox({ id, options, active, onPick }: Props) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Mention a member"
      data-testid="mention-listbox"
      className="absolute bottom-full left-0 z-10 mb-1 max-h-56 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
    >
      {options.map((member, index) => (
        <li
          key={member.id}
          id={mentionOptionId(id, index)}
          role="option"
          aria-selected={index === active}
          data-testid="mention-option"
          // Keep the textarea's focus: pick on mouse down.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(member);
          }}
          className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-indigo-600 text-white" : "text-slate-800 hover:bg-slate-100"}`}
        >
          @{member.username}
        </li>
      ))}
    </ul>
  );
}
