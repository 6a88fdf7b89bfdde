import type { InputHTMLAttributes } from "react";
import { inputClass, labelClass } from "./ui";

type Props = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string };

/** A form input with its label above it, styled like every other form. */
export function LabeledInput({ id, label, className, ...input }: Props) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} className={className ?? inputClass} {...input} />
    </div>
  );
}
