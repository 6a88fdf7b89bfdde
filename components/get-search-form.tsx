import { inputClass, secondaryButtonClass } from "./ui";

type Props = {
  /** Where the GET goes (`?q=` is added), so searching works without JavaScript. */
  action: string;
  q: string | undefined;
  /** The input's id and data-testid; the button's data-testid is `submitTestId`. */
  inputId: string;
  submitTestId: string;
  label: string;
  maxLength: number;
  required?: boolean;
};

/** A search box: a GET form with one `q` field. */
export function GetSearchForm({ action, q, inputId, submitTestId, label, maxLength, required = false }: Props) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex gap-2">
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <input
        id={inputId}
        name="q"
        type="search"
        required={required}
        defaultValue={q}
        maxLength={maxLength}
        placeholder={label}
        data-testid={inputId}
        className={inputClass}
      />
      <button type="submit" data-testid={submitTestId} className={secondaryButtonClass}>
        Search
      </button>
    </form>
  );
}
