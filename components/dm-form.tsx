import { FormError } from "./form-error";
import { LabeledInput } from "./labeled-input";
import { buttonClass } from "./ui";

type Props = { action: (formData: FormData) => Promise<void>; error: string | null };

/** Start or reopen a direct conversation by username. */
export function DmForm({ action, error }: Props) {
  return (
    <form action={action} className="space-y-3">
      <h2 className="font-semibold">Direct message</h2>
      <LabeledInput
        id="dm-username"
        label="Username"
        name="username"
        data-testid="dm-username"
        required
        autoCapitalize="none"
        spellCheck={false}
        placeholder="alice"
      />
      <FormError message={error} />
      <button type="submit" data-testid="dm-submit" className={`${buttonClass} w-full`}>
        Open conversation
      </button>
    </form>
  );
}
