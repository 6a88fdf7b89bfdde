import { randomUUID } from "node:crypto";

/*
 * The request id: the one a proxy in front sent (X-Request-Id), if it is a
 * sane token, else a fresh UUID. Bounded and plain (letters, digits and
 * `._:-`, at most 128), because it is copied into every log line of the
 * request and into the response: a client must not be able to put control
 * characters, quotes or kilobytes there.
 */
export const requestIdHeader = "x-request-id";

const saneId = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && saneId.test(incoming) ? incoming : randomUUID();
}
