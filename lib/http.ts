import type { z } from "zod";
import { loggerFor } from "./logger";

/** JSON helpers for route handlers: one shape for every error, `{"error": code, ...}`. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return json({ error, ...extra }, status);
}

export type Parsed<T> = { data: T; response?: undefined } | { data?: undefined; response: Response };

/** Parse a JSON request body against a schema; malformed JSON or a bad shape is a 400, never a 500. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return { response: jsonError(400, "invalid", { issues: [{ message: "body is not valid JSON" }] }) };
  }
  return parseValue(raw, schema);
}

export function parseValue<S extends z.ZodType>(raw: unknown, schema: S): Parsed<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data };
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  return { response: jsonError(400, "invalid", { issues }) };
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Log unexpected errors with detail (and the request id); the client sees only 500 `{"error":"internal"}`. */
export function withErrors<C>(name: string, handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      loggerFor(req.headers).error({ err, route: name }, "route failed");
      return jsonError(500, "internal");
    }
  };
}
