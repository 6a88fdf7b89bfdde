import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TopBar } from "@/components/top-bar";
import { getSessionUser } from "@/lib/session";
import { signOutAction, signOutEverywhereAction } from "./session-actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Chat", template: "%s · Chat" },
  description: "Real-time chat rooms",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <TopBar user={user} signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
        <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
