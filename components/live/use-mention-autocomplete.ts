"use client";

/**
 * The composer's `@username` autocomplete (ARIA combobox pattern): the query
 * at the caret (lib/mentions/autocomplete.ts) opens a listbox of matching
 * members; Up/Down move, Enter/Tab pick, Esc closes. While it is closed every
 * key is the composer's (Enter sends, Up edits the last message); it stays
 * closed for a name typed in full that only one member has.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { filterMembers, mentionQueryAt, pickMention, type MentionQuery } from "@/lib/mentions/autocomplete";

export type Mentionable = { id: string; username: string };

type At = MentionQuery & { caret: number };

type Input = { members: readonly Mentionable[]; text: string; setText: (text: string) => void; textarea: RefObject<HTMLTextAreaElement | null> };

export function useMentionAutocomplete({ members, text, setText, textarea }: Input) {
  const [at, setAt] = useState<At | null>(null);
  const [active, setActive] = useState(0);
  const caretAfter = useRef<number | null>(null);
  const matches = at ? filterMembers(members, at.query) : [];
  // A name typed in full, and the only match: nothing left to complete, so Enter sends.
  const options = matches.length === 1 && matches[0]!.username === at?.query ? [] : matches;
  const open = options.length > 0;
  const current = Math.min(active, Math.max(0, options.length - 1));

  useLayoutEffect(() => {
    const el = textarea.current;
    if (el && caretAfter.current !== null) el.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [text, textarea]);

  /** After input or a caret move: the query at the caret, if any. */
  const track = (el: HTMLTextAreaElement) => {
    const query = el.selectionStart === el.selectionEnd ? mentionQueryAt(el.value, el.selectionStart) : null;
    const next = query ? { ...query, caret: el.selectionStart } : null;
    if (next?.start !== at?.start || next?.query !== at?.query) setActive(0);
    if (next?.start !== at?.start || next?.query !== at?.query || next?.caret !== at?.caret) setAt(next);
  };

  const pick = (member: Mentionable) => {
    if (!at) return;
    const picked = pickMention(text, at.caret, at, member.username);
    caretAfter.current = picked.caret;
    setAt(null);
    setText(picked.text);
    textarea.current?.focus();
  };

  /** True when the key was the list's. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (move !== 0) setActive((current + move + options.length) % options.length);
    else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") pick(options[current]!);
    else if (event.key === "Escape") setAt(null);
    else return false;
    event.preventDefault();
    return true;
  };

  const close = () => setAt(null);

  return { options, open, active: current, track, pick, close, onKeyDown };
}
