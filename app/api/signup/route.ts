import { createAccount, signupInput } from "@/lib/accounts";
import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";

/** POST /api/signup {username, password} → 201 {id, username} | 409 username_taken | 400 invalid. */
export const POST = withErrors("signup", async (req: Request) => {
  const input = await parseJsonBody(req, signupInput);
  if (input.response) return input.response;
  const account = await createAccount(input.data);
  if (!account) return jsonError(409, "username_taken");
  return json(account, 201);
});
