import { AsyncLocalStorage } from "node:async_hooks";

/*
 * The lock-out is decided inside next-auth's `authorize`, on exactly the
 * credentials next-auth parsed. But authorize can only return a user or null,
 * or throw, and next-auth turns all of those into a 401 and a redirect to its
 * error page; the contract wants 429 + Retry-After. So the route wrapper
 * (lib/credentials-sign-in.ts) runs next-auth inside this context, authorize
 * records the lock-out here and throws, and the wrapper answers 429.
 */
export type SignInOutcome = { lockedFor: number | null; wantsJson: boolean };

// On globalThis: the route module and lib/auth.ts must see one store even if bundled apart.
const holder = globalThis as typeof globalThis & { __chatSignInAttempts?: AsyncLocalStorage<SignInOutcome> };
const store = (holder.__chatSignInAttempts ??= new AsyncLocalStorage<SignInOutcome>());

export async function withSignInAttempt<T>(run: () => Promise<T>): Promise<{ result: T; outcome: SignInOutcome }> {
  const outcome: SignInOutcome = { lockedFor: null, wantsJson: false };
  const result = await store.run(outcome, run);
  return { result, outcome };
}

/** Thrown by authorize when the username or address is locked; the message is what next-auth would show. */
class SignInLocked extends Error {
  constructor(readonly retryAfter: number) {
    super("locked");
  }
}

export function reportLockedOut(retryAfter: number, wantsJson: boolean): SignInLocked {
  const outcome = store.getStore();
  if (outcome) Object.assign(outcome, { lockedFor: retryAfter, wantsJson });
  return new SignInLocked(retryAfter);
}
