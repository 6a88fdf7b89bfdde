import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WebClient } from "./web-client";
import { accountRoutes } from "./authz/account-table";
import type { Answer } from "./authz/answer";
import { runTable } from "./authz/cells";
import { anonymousUpgrade, exchange } from "./authz/frame-probe";
import { frameCases } from "./authz/frame-table";
import { httpRoutes } from "./authz/http-table";
import { startWorld, type World } from "./authz/world";

/*
 * The authorisation matrix (issue 8, deliverable 10): every HTTP route, page,
 * room server action and client frame × actor (anonymous, non-member,
 * member, author, owner) × room kind (public, private, DM, plus a random
 * uuid and a malformed id), each cell's expected answer written in the
 * tables under test/authz/. A refused cell must change nothing, and an
 * outsider must get exactly the same answer from a private room or a DM as
 * from a room that does not exist. The web app and the sidecar share one
 * database.
 */
let world: World;
const counts: Record<string, number> = {};

before(async () => {
  world = await startWorld();
});
after(async () => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`authorisation matrix: ${total} cells (${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")})`);
  await world?.stop();
});

const anonymous = () => new WebClient(world.web.base, world.browserLike);

test("HTTP: every room route, page and server action × actor × room kind", async () => {
  const { failures, cells } = await runTable(world, "HTTP", httpRoutes, (route, actor, target) =>
    route.probe(actor === "anonymous" ? anonymous() : world.people[actor].http, target),
  );
  counts.http = cells;
  assert.deepEqual(failures, [], `${failures.length} of ${cells} HTTP cells wrong`);
});

test("HTTP: routes that name no room × (anonymous, signed in)", async () => {
  const failures: string[] = [];
  for (const route of accountRoutes) {
    const answers = [await route.probe(anonymous(), ""), await route.probe(world.people.nonMember.http, world.people.nonMember.username)];
    answers.forEach((got, i) => {
      if (got.summary !== route.expect[i]) failures.push(`${route.name} | ${i ? "signed in" : "anonymous"}: expected ${route.expect[i]}, got ${got.summary}`);
    });
  }
  counts.account = accountRoutes.length * 2;
  assert.deepEqual(failures, []);
});

test("socket: every client frame × actor × room kind, against a real sidecar", async () => {
  // Without a session there is no socket to send a frame on, whatever the room: one refused
  // upgrade per frame stands for its anonymous cells (fewer upgrades for a per-address upgrade limit to count).
  const refusals = new Map<string, Promise<Answer>>();
  const { failures, cells } = await runTable(world, "frame", frameCases, (entry, actor, target) => {
    if (actor !== "anonymous") return exchange(world.people[actor].socket, (ids) => entry.frame(target, ids), target);
    if (!refusals.has(entry.name)) refusals.set(entry.name, anonymousUpgrade(world.sidecar.port));
    return refusals.get(entry.name)!;
  });
  counts.frames = cells;
  assert.deepEqual(failures, [], `${failures.length} of ${cells} frame cells wrong`);
});
