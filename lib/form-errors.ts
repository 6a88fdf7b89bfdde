/*
 * Server actions report a failure by redirecting back with `?error=<code>`,
 * which works with JavaScript off. Pages show only these fixed messages, so
 * nothing from the URL is echoed into the page.
 */
const messages: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  locked: "Too many failed sign-ins. Please wait 15 minutes and try again.",
  SessionRequired: "Please sign in to continue.",
  username_taken: "That username is taken. Pick another one.",
  invalid_username: "Usernames are 3-32 characters: lowercase letters, digits, _ and -.",
  invalid_password: "Passwords are 8-128 characters.",
  wrong_password: "That is not your current password.",
  password_mismatch: "The two new passwords are not the same.",
  signup_limited: "Too many sign-ups from your network. Please try again in an hour.",
  room_limit: "You have created as many rooms as one account may.",
  room_invalid: "Room names are 1-64 characters; pick public or private.",
  dm_invalid: "Enter a valid username.",
  dm_self: "You cannot message yourself.",
  user_not_found: "No user with that username.",
  member_forbidden: "Only the room owner can add members.",
  member_not_private: "Members can be added only to private rooms.",
  owner_only: "Only the room owner can do that.",
  owner_cannot_leave: "The owner cannot leave the room; delete it instead.",
  cannot_leave_dm: "A direct message cannot be left.",
  member_not_found: "That person is not a member of this room.",
  cannot_remove_owner: "The owner cannot be removed.",
  room_name_invalid: "Room names are 1-64 characters.",
  rate_limited: "Too many changes. Please wait a minute and try again.",
};

/** The members panel's own codes (app/rooms/[id]/member-actions.ts), so it shows only its errors. */
const memberCodes = new Set(["owner_only", "owner_cannot_leave", "cannot_leave_dm", "member_not_found", "cannot_remove_owner", "room_name_invalid", "rate_limited"]);

export function memberFormErrorMessage(code: string | string[] | undefined): string | null {
  return typeof code === "string" && memberCodes.has(code) ? formErrorMessage(code) : null;
}

export function formErrorMessage(code: string | string[] | undefined): string | null {
  if (typeof code !== "string" || code === "") return null;
  return messages[code] ?? "Something went wrong. Please try again.";
}

/**
 * A callbackUrl reduced to a path on this site. next-auth hands back absolute
 * URLs; keeping only path and query means we can never redirect off-site.
 */
export function safeCallbackPath(raw: string | string[] | undefined, fallback = "/rooms"): string {
  if (typeof raw !== "string" || raw === "") return fallback;
  try {
    const url = new URL(raw, "http://placeholder.invalid");
    const path = `${url.pathname}${url.search}`;
    const loops = ["/signin", "/signup", "/api/"].some((p) => path.startsWith(p));
    return path.startsWith("/") && !path.startsWith("//") && path !== "/" && !loops ? path : fallback;
  } catch {
    return fallback;
  }
}
