import type { ReactNode } from "react";
import { cardClass } from "./ui";

/** The centred card that frames the sign-in and sign-up forms. */
export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className={cardClass}>
        <h1 className="mb-4 text-xl font-semibold">{title}</h1>
        {children}
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">{footer}</p>
    </div>
  );
}
