import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { CredentialFields } from "@/components/credential-fields";
import { FormError } from "@/components/form-error";
import { buttonClass } from "@/components/ui";
import { formErrorMessage, safeCallbackPath } from "@/lib/form-errors";
import { getSessionUser } from "@/lib/session";
import { signinCsrfHeader } from "@/lib/signin-csrf";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A plain form posted straight to next-auth's credentials callback, so it
 * works without JavaScript. proxy.ts provides the CSRF token and its cookie.
 */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);
  const csrfToken = (await headers()).get(signinCsrfHeader) ?? "";
  const error = params.csrf === "true" ? "Your session form expired. Please try again." : formErrorMessage(params.error);
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          No account yet?{" "}
          <Link href="/signup" className="font-medium text-indigo-700 hover:underline">
            Sign up
          </Link>
        </>
      }
    >
      <form method="post" action="/api/auth/callback/credentials" className="space-y-4">
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <CredentialFields />
        <FormError message={error} />
        <button type="submit" data-testid="signin-submit" className={`${buttonClass} w-full`}>
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
