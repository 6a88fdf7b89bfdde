import { FormError } from "./form-error";
import { LabeledInput } from "./labeled-input";
import { buttonClass, inputClass, labelClass } from "./ui";

type Props = { action: (formData: FormData) => Promise<void>; error: string | null };

/** New room: a plain form to a server action, so it works without JavaScript. */
export function CreateRoomForm({ action, error }: Props) {
  return (
    <form action={action} className="space-y-3">
      <h2 className="font-semibold">Create a room</h2>
      <LabeledInput id="room-name" label="Name" name="name" required maxLength={64} placeholder="general" />
      <div>
        <label htmlFor="room-kind" className={labelClass}>
          Who can join
        </label>
        <select id="room-kind" name="kind" defaultValue="public" className={inputClass}>
          <option value="public">Public: anyone can join</option>
          <option value="private">Private: members you add</option>
        </select>
      </div>
      <FormError message={error} />
      <button type="submit" data-testid="create-room-submit" className={`${buttonClass} w-full`}>
        Create room
      </button>
    </form>
  );
}
