import type { ReactNode } from "react";

type Props = { name: string; me?: string; children: ReactNode };

/** An `@username` in a message body; the viewer's own is marked more strongly (colour and weight, not colour alone). */
export function Mention({ name, me, children }: Props) {
  const mine = me !== undefined && name === me.toLowerCase();
  return (
    <span
      data-testid="mention"
      data-me={mine ? "true" : undefined}
      className={mine
        ? "rounded bg-amber-200 px-0.5 font-semibold text-amber-950"
        : "rounded bg-indigo-50 px-0.5 font-medium text-indigo-800"}
    >
      {children}
    </span>
  );
}
