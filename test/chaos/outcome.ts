import type postgres from "postgres";
import type { ChaosClient } from "./chat-client";

/*
 * The end-of-run checks, computed exactly (sets and sequences, no
 * sampling): every send acked and stored once, every client holding every
 * message of its room once, in seq order, and nothing else.
 */
export type Outcome = {
  sent: number;
  acked: number;
  /** Of the acked: confirmed by the message frame of the send itself, its ack lost with a crash. */
  echoed: number;
  retried: number;
  delivered: number;
  lost: number;
  duplicated: number;
  problems: string[];
};

type Row = { id: string; roomId: string; seq: number; clientMsgId: string };

export async function measureOutcome(sql: postgres.Sql, clients: ChaosClient[]): Promise<Outcome> {
  const roomIds = [...new Set(clients.map((c) => c.roomId))];
  const rows = await sql<Row[]>`
    select id::text as id, room_id::text as "roomId", seq::float8 as seq, client_msg_id::text as "clientMsgId"
    from messages where room_id::text = any(${roomIds}) order by room_id, seq`;
  const outcome: Outcome = { sent: 0, acked: 0, echoed: 0, retried: 0, delivered: 0, lost: 0, duplicated: 0, problems: [] };
  checkStored(outcome, rows, clients);
  for (const client of clients) checkHeld(outcome, client, rows.filter((r) => r.roomId === client.roomId));
  return outcome;
}

/** Database side: each sent clientMsgId exactly once, acked with its row's id and seq; no strangers. */
function checkStored(outcome: Outcome, rows: Row[], clients: ChaosClient[]): void {
  const byClientMsgId = new Map<string, Row[]>();
  for (const row of rows) byClientMsgId.set(row.clientMsgId, [...(byClientMsgId.get(row.clientMsgId) ?? []), row]);
  const sentIds = new Set<string>();
  for (const client of clients) {
    const echoes = echoedSends(client);
    for (const clientMsgId of client.sent) {
      sentIds.add(clientMsgId);
      outcome.sent += 1;
      if ((client.writes.get(clientMsgId) ?? 0) > 1) outcome.retried += 1;
      const stored = byClientMsgId.get(clientMsgId) ?? [];
      const ack = client.acks.get(clientMsgId);
      // A send whose commit outcome the sidecar could not know (the database
      // went away mid-commit) is refused with `internal`; when it had in fact
      // committed, its own message frame confirms it before any resend.
      const echo = echoes.get(clientMsgId);
      if (ack) outcome.acked += 1;
      else if (echo) {
        outcome.acked += 1;
        outcome.echoed += 1;
      } else outcome.problems.push(`${client.user.username}: ${clientMsgId} never acked (${client.writes.get(clientMsgId) ?? 0} writes)`);
      if (stored.length === 0) {
        outcome.lost += 1;
        outcome.problems.push(`${client.user.username}: ${clientMsgId} ${ack ? "acked but " : ""}not in the database`);
      } else if ((ack ?? echo) && ((ack ?? echo)!.id !== stored[0]!.id || (ack ?? echo)!.seq !== stored[0]!.seq)) {
        const confirmed = (ack ?? echo)!;
        outcome.problems.push(`${clientMsgId}: confirmed as ${confirmed.id}@${confirmed.seq} but stored as ${stored[0]!.id}@${stored[0]!.seq}`);
      }
      outcome.duplicated += Math.max(0, stored.length - 1);
    }
  }
  for (const row of rows.filter((r) => !sentIds.has(r.clientMsgId))) {
    outcome.duplicated += 1;
    outcome.problems.push(`row ${row.id}@${row.seq} in room ${row.roomId} was never sent (${row.clientMsgId})`);
  }
}

/** The client's own sends that it holds as confirmed messages, by clientMsgId. */
function echoedSends(client: ChaosClient): Map<string, { id: string; seq: number }> {
  const mine = client.items().filter((i) => i.status === "sent" && i.author.id === client.user.id && i.id !== null);
  return new Map(mine.map((i) => [i.clientMsgId, { id: i.id!, seq: i.seq! }]));
}

/** Client side: the confirmed timeline is exactly the room's rows in seq order; nothing left pending. */
function checkHeld(outcome: Outcome, client: ChaosClient, roomRows: Row[]): void {
  const items = client.items();
  const confirmed = items.filter((i) => i.status === "sent").map((i) => `${i.id}@${i.seq}`);
  const expected = roomRows.map((r) => `${r.id}@${r.seq}`);
  const held = new Set(confirmed);
  outcome.delivered += held.size;
  outcome.duplicated += confirmed.length - held.size;
  const missing = expected.filter((key) => !held.has(key));
  outcome.lost += missing.length;
  const name = client.user.username;
  if (missing.length > 0) outcome.problems.push(`${name} lacks ${missing.length} of ${expected.length}: ${missing.slice(0, 5).join(", ")}`);
  const inDatabase = new Set(expected);
  const strangers = confirmed.filter((key) => !inDatabase.has(key));
  if (strangers.length > 0) outcome.problems.push(`${name} holds ${strangers.length} messages not in the database: ${strangers.slice(0, 5).join(", ")}`);
  const unconfirmed = items.length - confirmed.length;
  if (unconfirmed > 0) outcome.problems.push(`${name} still shows ${unconfirmed} pending or failed sends`);
  if (missing.length === 0 && strangers.length === 0 && confirmed.join() !== expected.join()) {
    outcome.problems.push(`${name} holds the room's messages out of seq order`);
  }
}

export function formatOutcome(o: Outcome): string {
  return `chaos: sent=${o.sent} acked=${o.acked} (by echo ${o.echoed}) retried=${o.retried} delivered=${o.delivered} lost=${o.lost} duplicated=${o.duplicated}`;
}

/** How the clients stand, for a failed run: connection, subscription, outbox, last room error. */
export function describeClients(clients: ChaosClient[]): string {
  const tally = new Map<string, number>();
  for (const c of clients) {
    const outbox = c.controller.state.outbox;
    const failed = outbox.filter((e) => e.status === "failed").length;
    const key = `${c.controller.connection.state}${c.controller.state.subscribed ? "+subscribed" : ""} terminal=${c.controller.connection.terminalCode} ` +
      `outbox=${outbox.length > 0 ? "some" : "empty"} failed=${failed > 0} error=${c.controller.state.roomError ?? "none"}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally].map(([key, n]) => `${n} x ${key}`).join("\n");
}
