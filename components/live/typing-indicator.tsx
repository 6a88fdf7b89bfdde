"use client";

import { typingLabel } from "@/lib/chat/typing";

/** Always rendered, one line high, so the composer does not jump when someone starts typing. */
export function TypingIndicator({ names }: { names: readonly string[] }) {
  return (
    <div data-testid="typing-indicator" aria-live="polite" className="h-5 truncate px-4 text-xs italic text-slate-500">
      {typingLabel(names)}
    </div>
  );
}
