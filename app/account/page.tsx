import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { cardClass, secondaryButtonClass } from "@/components/ui";
import { formErrorMessage } from "@/lib/form-errors";
import { requireUserOrRedirect } from "@/lib/session";
import { signOutEverywhereAction } from "../session-actions";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Change the password (ends every other session) and sign out everywhere; both plain forms, so they work without JavaScript. */
export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUserOrRedirect("/account");
  const { error, changed } = await searchParams;
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as <strong className="font-semibold text-slate-900">{user.username}</strong>
        </p>
      </div>
      <section aria-labelledby="password-heading" className={cardClass}>
        <h2 id="password-heading" className="mb-4 font-semibold">
          Change password
        </h2>
        <ChangePasswordForm action={changePasswordAction} error={formErrorMessage(error)} changed={changed === "password"} />
      </section>
      <section aria-labelledby="sessions-heading" className={cardClass}>
        <h2 id="sessions-heading" className="font-semibold">
          Sessions
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">End every session of this account, on every device, this one included.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" data-testid="account-signout-everywhere" className={secondaryButtonClass}>
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
