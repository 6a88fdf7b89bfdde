import Link from "next/link";
import type { SessionUser } from "@/lib/session";
import { secondaryButtonClass } from "./ui";

type Props = { user: SessionUser | null; signOut: () => Promise<void>; signOutEverywhere: () => Promise<void> };

/** App name, who is signed in, sign-out and sign-out-everywhere (plain forms: work without JS). */
export function TopBar({ user, signOut, signOutEverywhere }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4">
        <Link href={user ? "/rooms" : "/signin"} className="text-lg font-semibold tracking-tight text-indigo-700">
          Chat
        </Link>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <Link href="/search" data-testid="nav-search" className="text-slate-700 hover:text-indigo-700">
              Search
            </Link>
            <span className="text-slate-600">
              Signed in as{" "}
              <strong data-testid="current-user" className="font-semibold text-slate-900">
                {user.username}
              </strong>
            </span>
            <Link href="/account" data-testid="account-link" className="font-medium text-indigo-700 hover:underline">
              Account
            </Link>
            <form action={signOut}>
              <button type="submit" data-testid="signout" className={secondaryButtonClass}>
                Sign out
              </button>
            </form>
            {/* On a phone the bar has no room for it: the account page has it too. */}
            <form action={signOutEverywhere} className="hidden sm:block">
              <button
                type="submit"
                data-testid="signout-everywhere"
                className={secondaryButtonClass}
                title="End every session of this account, on every device"
              >
                Sign out everywhere
              </button>
            </form>
          </div>
        ) : (
          <nav className="flex items-center gap-3 text-sm">
            <Link href="/signin" className="text-slate-700 hover:text-indigo-700">
              Sign in
            </Link>
            <Link href="/signup" className="text-slate-700 hover:text-indigo-700">
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
