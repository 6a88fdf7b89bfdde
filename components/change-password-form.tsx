import { FormError } from "./form-error";
import { LabeledInput } from "./labeled-input";
import { buttonClass } from "./ui";

type Props = { action: (formData: FormData) => Promise<void>; error: string | null; changed: boolean };

/** Current password, then the new one twice: a plain form to a server action, so it works without JavaScript. */
export function ChangePasswordForm({ action, error, changed }: Props) {
  return (
    <form action={action} className="space-y-4" data-testid="change-password-form">
      <LabeledInput
        id="current-password"
        label="Current password"
        name="currentPassword"
        type="password"
        required
        autoComplete="current-password"
      />
      <LabeledInput
        id="new-password"
        label="New password"
        name="newPassword"
        type="password"
        required
        minLength={8}
        autoComplete="new-password"
      />
      <LabeledInput
        id="confirm-password"
        label="New password, again"
        name="confirmPassword"
        type="password"
        required
        autoComplete="new-password"
      />
      <p className="text-xs text-slate-500">At least 8 characters. Every other device signed in to this account is signed out.</p>
      <FormError message={error} />
      {changed ? (
        <p data-testid="password-changed" role="status" className="text-sm text-emerald-700">
          Password changed. Your other sessions have been signed out.
        </p>
      ) : null}
      <button type="submit" data-testid="change-password-submit" className={buttonClass}>
        Change password
      </button>
    </form>
  );
}
