"use client";

import { createContext } from "react";
import type { LiveRoomView } from "@/lib/chat/room-view";

/** The live room's view, for panels placed inside LiveRoom (its `aside`); null outside one, or before it renders. */
export const RoomViewContext = createContext<LiveRoomView | null>(null);
