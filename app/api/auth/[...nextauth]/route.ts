import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth";
import { rateLimitedSignIn } from "@/lib/credentials-sign-in";

// next-auth v4 in the App Router. Options are built on first request, so
// `next build` needs no secret. The credentials callback is rate limited.
type Context = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: NextRequest, ctx: Context): Promise<Response> {
  return NextAuth(getAuthOptions())(req, ctx);
}

export function GET(req: NextRequest, ctx: Context): Promise<Response> {
  return nextAuth(req, ctx);
}

export async function POST(req: NextRequest, ctx: Context): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return nextAuth(req, ctx);
  return rateLimitedSignIn(req, () => nextAuth(req, ctx));
}
