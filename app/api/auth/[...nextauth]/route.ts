import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth";
import { answeringLockOuts, hasUnreadableBody, isNextAuthPost } from "@/lib/credentials-sign-in";
import { jsonError } from "@/lib/http";

// next-auth v4 in the App Router. Options are built on first request, so
// `next build` needs no secret. Sign-in limits are decided in authorize;
// every POST runs inside the wrapper that answers a lock-out with 429.
type Context = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: NextRequest, ctx: Context): Promise<Response> {
  return NextAuth(getAuthOptions())(req, ctx);
}

export function GET(req: NextRequest, ctx: Context): Promise<Response> {
  return nextAuth(req, ctx);
}

export async function POST(req: NextRequest, ctx: Context): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (!isNextAuthPost(nextauth)) return jsonError(404, "not_found");
  if (await hasUnreadableBody(req)) return jsonError(400, "invalid", { issues: [{ message: "body is not valid JSON" }] });
  return answeringLockOuts(req, () => nextAuth(req, ctx));
}
