import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { CredentialFields } from "@/components/credential-fields";
import { FormError } from "@/components/form-error";
import { buttonClass } from "@/components/ui";
import { formErrorMessage } from "@/lib/form-errors";
import { getSessionUser } from "@/lib/session";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Sign up" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Sign-up posts to a server action: works without JavaScript, signs the new user in. */
export default async function SignUpPage({ searchParams }: Props) {
  if (await getSessionUser()) redirect("/rooms");
  const { error } = await searchParams;
  return (
    <AuthCard
      title="Create an account"
      footer={
        <>
          Already have an account?{" "}
          <Link href="/signin" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form action={signUpAction} className="space-y-4">
        <CredentialFields newPassword />
        <p className="text-xs text-slate-500">
          Username: 3-32 lowercase letters, digits, _ or -. Password: at least 8 characters.
        </p>
        <FormError message={formErrorMessage(error)} />
        <button type="submit" data-testid="signup-submit" className={`${buttonClass} w-full`}>
          Sign up
        </button>
      </form>
    </AuthCard>
  );
}
