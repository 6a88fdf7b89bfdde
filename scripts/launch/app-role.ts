import postgres from "postgres";

/** The role the web app and the sidecars connect to the embedded PostgreSQL as. */
export const appRole = "chat_app";

/*
 * Least privilege for the app: it reads and writes rows and nothing else. It
 * cannot create, alter or drop tables (migrations run as the superuser, who
 * owns them), create roles or databases, or connect to another database.
 * Tables and sequences that later migrations create get the same grants by
 * default (ALTER DEFAULT PRIVILEGES for the superuser that runs them), and
 * every start grants again on what exists. LISTEN/NOTIFY needs no grant.
 */
const grants = (database: string) => [
  `alter role ${appRole} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls`,
  // PUBLIC may connect to, and make temporary tables in, every database by default.
  ...[database, "postgres", "template1"].map((name) => `revoke all on database "${name}" from public`),
  `grant connect on database "${database}" to ${appRole}`,
  `revoke all on schema public from public`,
  `grant usage on schema public to ${appRole}`,
  `grant select, insert, update, delete on all tables in schema public to ${appRole}`,
  `grant usage, select on all sequences in schema public to ${appRole}`,
  `alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole}`,
  `alter default privileges in schema public grant usage, select on sequences to ${appRole}`,
];

/** Create the app's role if need be, set its password and grants (idempotent); its URL. */
export async function ensureAppRole(ownerUrl: string, password: string): Promise<string> {
  const url = new URL(ownerUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      const [found] = await tx`select 1 as one from pg_roles where rolname = ${appRole}`;
      if (!found) await tx.unsafe(`create role ${appRole}`);
      for (const statement of grants(database)) await tx.unsafe(statement);
      await tx.unsafe(`alter role ${appRole} password ${quoteLiteral(password)}`);
    });
  } finally {
    await sql.end();
  }
  url.username = appRole;
  url.password = password;
  return url.toString();
}

/** A SQL string literal (a role's password cannot be a bind parameter). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
