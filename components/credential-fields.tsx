import { inputClass, labelClass } from "./ui";

/** Username and password inputs, named as next-auth's credentials provider expects. */
export function CredentialFields({ newPassword, username }: { newPassword?: boolean; username?: string }) {
  return (
    <>
      <div>
        <label htmlFor="username" className={labelClass}>
          Username
        </label>
        <input
          id="username"
          name="username"
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={username}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoComplete={newPassword ? "new-password" : "current-password"}
          className={inputClass}
        />
      </div>
    </>
  );
}
