"use client";

import { useEffect, useRef, useState } from "react";
import { loadRecent, pickerChoices, saveRecent } from "@/lib/chat/recent-emoji";

type Props = { onPick: (emoji: string) => void };

/** A button that opens a row of emoji: the user's recent ones, then common ones. Esc closes it. */
export function ReactionPicker({ onPick }: Props) {
  const [choices, setChoices] = useState<string[] | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const open = choices !== null;
  useEffect(() => {
    if (!open) return;
    panel.current?.scrollIntoView({ block: "nearest" });
    panel.current?.querySelector("button")?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setChoices(null);
    if (refocus) trigger.current?.focus();
  };
  const pick = (emoji: string) => {
    saveRecent(window.localStorage, emoji);
    close(true);
    onPick(emoji);
  };

  return (
    <span className="relative">
      <button
        type="button"
        ref={trigger}
        data-testid="react-button"
        aria-label="Add reaction"
        aria-expanded={choices !== null}
        onClick={() => (choices ? close(false) : setChoices(pickerChoices(loadRecent(window.localStorage))))}
        className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400"
      >
        <span aria-hidden>☺+</span>
      </button>
      {choices ? (
        <div
          ref={panel}
          role="group"
          aria-label="Pick a reaction"
          data-testid="reaction-picker"
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            close(true);
          }}
          onBlur={(event) => {
            const to = event.relatedTarget;
            if (!event.currentTarget.contains(to) && to !== trigger.current) close(false);
          }}
          className="absolute right-0 top-full z-20 mt-1 flex w-max gap-0.5 rounded-lg border border-slate-200 bg-white p-1 shadow-md"
        >
          {choices.map((emoji) => (
            <button
              key={emoji}
              type="button"
              data-testid="reaction-option"
              data-emoji={emoji}
              aria-label={`React with ${emoji}`}
              onClick={() => pick(emoji)}
              className="rounded px-1.5 py-0.5 text-base hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400"
            >
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
    </span>
  );
}
