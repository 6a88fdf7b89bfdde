import { FormError } from "./form-error";
import { inputClass, secondaryButtonClass } from "./ui";

type Props = { action: (formData: FormData) => Promise<void>; error: string | null; added: string | null };

/** Owner-only: add a member to a private room by username. */
export function AddMemberForm({ action, error, added }: Props) {
  return (
    <form action={action} className="flex flex-col gap-1">
      <div className="flex gap-2">
        <label htmlFor="add-member-username" className="sr-only">
          Username to add
        </label>
        <input
          id="add-member-username"
          name="username"
          data-testid="add-member-username"
          required
          autoCapitalize="none"
          spellCheck={false}
          placeholder="username to add"
          className={`${inputClass} py-1.5 sm:w-48`}
        />
        <button type="submit" data-testid="add-member-submit" className={secondaryButtonClass}>
          Add member
        </button>
      </div>
      {added ? (
        <p data-testid="form-success" className="text-sm text-emerald-700">
          Added {added}.
        </p>
      ) : null}
      <FormError message={error} />
    </form>
  );
}
