import { LabeledInput } from "./labeled-input";

/** Username and password inputs, named as next-auth's credentials provider expects. */
export function CredentialFields({ newPassword, username }: { newPassword?: boolean; username?: string }) {
  return (
    <>
      <LabeledInput
        id="username"
        label="Username"
        name="username"
        required
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        defaultValue={username}
      />
      <LabeledInput
        id="password"
        label="Password"
        name="password"
        type="password"
        required
        autoComplete={newPassword ? "new-password" : "current-password"}
      />
    </>
  );
}
