/** Request header through which proxy.ts hands the sign-in page its next-auth CSRF token. */
export const signinCsrfHeader = "x-signin-csrf-token";
