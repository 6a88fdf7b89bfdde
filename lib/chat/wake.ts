/**
 * Tells the socket client when the network may be back: the browser fired
 * `online`, or the tab became visible again. A laptop waking from sleep often
 * keeps a dead socket that looks open, so callers get how long the tab was hidden.
 * Safe to call during server rendering: it does nothing there.
 */
export type WakeReason = { kind: "online" } | { kind: "visible"; hiddenForMs: number };

export function watchWake(onWake: (reason: WakeReason) => void, now: () => number = Date.now): () => void {
  if (typeof window === "undefined" || typeof document === "undefined") return () => {};
  let hiddenAt: number | null = document.visibilityState === "hidden" ? now() : null;
  const onOnline = () => onWake({ kind: "online" });
  const onVisibility = () => {
    if (document.visibilityState === "hidden") {
      hiddenAt = now();
      return;
    }
    const hiddenForMs = hiddenAt === null ? 0 : now() - hiddenAt;
    hiddenAt = null;
    onWake({ kind: "visible", hiddenForMs });
  };
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
