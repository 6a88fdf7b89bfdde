"use client";

import { createContext } from "react";
import type { ShellController } from "@/lib/chat/shell-controller";

/** The app shell's controller (its one socket), for the room page inside it; null outside the shell. */
export const ShellContext = createContext<ShellController | null>(null);
