"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

type Props = { total: number; pathname: string; children: ReactNode };

/**
 * On a phone width the sidebar is a drawer: a modal <dialog>, so the browser
 * moves focus into it, keeps it there, closes it on Esc and gives focus back
 * to the button. Picking a room closes it.
 */
export function RoomsDrawer({ total, pathname, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Open on the page it was opened on: a navigation (picking a room) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <div className="mb-3 md:hidden">
      <button
        type="button"
        data-testid="drawer-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700"
      >
        Rooms{total > 0 ? ` (${total} unread)` : ""}
      </button>
      <dialog
        ref={dialog}
        data-testid="drawer"
        aria-label="Rooms"
        onClose={() => setOpen(false)}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-4 shadow-xl backdrop:bg-slate-900/40"
      >
        <button
          type="button"
          data-testid="drawer-close"
          onClick={() => setOpen(false)}
          className="mb-3 rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          Close
        </button>
        {open ? children : null}
      </dialog>
    </div>
  );
}
