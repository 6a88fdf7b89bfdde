import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { waitFor } from "../wait-for";

/**
 * What the app's database role may do (read and write rows, use sequences,
 * LISTEN/NOTIFY) and may not (anything to the schema, roles, other databases),
 * checked from outside with the app's own URL.
 */
export async function expectLeastPrivilege(appUrl: string): Promise<void> {
  const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
  try {
    const [role] = await sql`select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls from pg_roles where rolname = current_user`;
    assert.deepEqual({ ...role }, { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
    await expectRowsWritable(sql);
    for (const statement of [
      "create table intruder (id int)",
      "drop table messages",
      "alter table users add column intruder text",
      "truncate messages",
      "create schema intruder",
      "create temporary table intruder (id int)",
      "create role intruder",
      "create database intruder",
    ]) {
      await assert.rejects(sql.unsafe(statement), { code: "42501" }, `${statement} must be refused`); // insufficient_privilege
    }
    await expectListenNotify(sql);
  } finally {
    await sql.end();
  }
  const elsewhere = Object.assign(new URL(appUrl), { pathname: "/postgres" }).toString();
  const other = postgres(elsewhere, { max: 1, onnotice: () => {} });
  try {
    await assert.rejects(other`select 1`, { code: "42501" }, "the app role cannot connect to another database");
  } finally {
    await other.end();
  }
}

async function expectRowsWritable(sql: postgres.Sql): Promise<void> {
  const username = `role_check_${randomUUID().slice(0, 8)}`;
  const [user] = await sql`insert into users (username, password_hash) values (${username}, 'x') returning id`;
  await sql`update users set password_hash = 'y' where id = ${user!.id}`;
  assert.equal((await sql`select password_hash from users where id = ${user!.id}`)[0]!.password_hash, "y");
  await sql`delete from users where id = ${user!.id}`;
  await sql`select nextval('messages_id_seq')`;
}

async function expectListenNotify(sql: postgres.Sql): Promise<void> {
  const heard: string[] = [];
  const { unlisten } = await sql.listen("role_check", (payload) => heard.push(payload));
  try {
    await sql.notify("role_check", "hello");
    await waitFor(() => assert.deepEqual(heard, ["hello"]));
  } finally {
    await unlisten();
  }
}
