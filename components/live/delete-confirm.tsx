"use client";

import { useEffect, useRef } from "react";

type Props = { onConfirm: () => void; onCancel: () => void };

/** An inline confirmation in place of the toolbar: focus starts on Cancel, Esc cancels. */
export function DeleteConfirm({ onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-label="Delete this message?"
      data-testid="delete-confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
      className="inline-flex items-center gap-2 rounded-md border border-rose-200 bg-rose-50 px-2 py-1 text-xs text-rose-800"
    >
      <span>Delete this message?</span>
      <button type="button" data-testid="delete-confirm-yes" onClick={onConfirm} className="rounded bg-rose-600 px-2 py-0.5 font-medium text-white hover:bg-rose-500">
        Delete
      </button>
      <button type="button" ref={cancel} data-testid="delete-confirm-no" onClick={onCancel} className="rounded px-2 py-0.5 text-slate-700 hover:bg-white">
        Cancel
      </button>
    </div>
  );
}
