import { createAccount, signupInput } from "@/lib/accounts";
import { json, jsonError, parseJsonBody, withErrors } from "@/lib/http";
import { rateLimitedResponse } from "@/lib/rate-limits";
import { signupRetryAfter } from "@/lib/signup-limiter";

/** POST /api/signup {username, password} → 201 {id, username} | 409 username_taken | 400 invalid | 429 rate_limited. */
export const POST = withErrors("signup", async (req: Request) => {
  const input = await parseJsonBody(req, signupInput);
  if (input.response) return input.response;
  const retryAfter = await signupRetryAfter(req.headers);
  if (retryAfter > 0) return rateLimitedResponse(retryAfter);
  const account = await createAccount(input.data);
  if (!account) return jsonError(409, "username_taken");
  return json(account, 201);
});
