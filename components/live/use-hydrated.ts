"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server pass and during hydration (so both render the same), true after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
