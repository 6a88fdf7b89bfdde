"use client";

export function RoomError({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div
      data-testid="room-error"
      role="alert"
      className="flex items-center justify-between gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800"
    >
      <span>{message}</span>
      <button type="button" onClick={onDismiss} className="text-xs font-medium text-rose-700 hover:underline">
        Dismiss
      </button>
    </div>
  );
}
