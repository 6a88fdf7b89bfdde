import { readFileSync } from "node:fs";
import type { WebClient } from "../web-client";
import type { Target } from "./world";

/*
 * A server action as React's client calls it: POST to the page with the
 * action's id in `Next-Action`; arguments encoded as encodeReply does (JSON,
 * or multipart where "$K1" names the FormData whose fields carry the "_1_"
 * prefix). The id comes from the build's manifest.
 */
export async function callAction(client: WebClient, name: string, target: Target, args: unknown[], form?: Record<string, string>) {
  const headers = { "next-action": actionId(name), accept: "text/x-component" };
  if (!form) {
    const body = JSON.stringify(args);
    return client.request(`/rooms/${target.roomId}`, { method: "POST", headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body });
  }
  // The FormData's fields come first and the root "0" last, in the order React's encoder writes them.
  const body = new FormData();
  for (const [key, value] of Object.entries(form)) body.set(`_1_${key}`, value);
  body.set("0", JSON.stringify(args));
  return client.request(`/rooms/${target.roomId}`, { method: "POST", headers, body });
}

let manifest: Record<string, { exportedName?: string }> | undefined;

function actionId(exportedName: string): string {
  manifest ??= (JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: typeof manifest }).node!;
  const id = Object.keys(manifest).find((key) => manifest![key]!.exportedName === exportedName);
  if (!id) throw new Error(`server action ${exportedName} is not in the build`);
  return id;
}
