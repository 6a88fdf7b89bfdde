import postgres from "postgres";
const url = "postgres://postgres@127.0.0.1:16432/test";
const prepare = process.argv[2] !== "off";
const a = postgres(url, { max: 1, prepare, onnotice: () => {} });
const p1 = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const p2 = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const t = setTimeout(() => { console.log("TIMEOUT"); process.exit(2); }, 8000);
const pid = async (s: postgres.Sql | postgres.TransactionSql) => (await s.unsafe("select pg_backend_pid() as p"))[0]!.p as number;
function pin(s: postgres.Sql) {
  let release!: () => void; const held = new Promise<void>((r) => (release = r));
  let got!: (n: number) => void; const pidP = new Promise<number>((r) => (got = r));
  const done = s.begin(async (tx) => { got(await pid(tx)); await held; });
  return { pid: pidP, release: async () => { release(); await done; } };
}
/** Pin both servers, free the one that is not `avoid`; returns a release for the other. */
async function freeOtherThan(avoid: number) {
  const x = pin(p1), y = pin(p2);
  const [px] = [await x.pid, await y.pid];
  if (px === avoid) { await y.release(); return x.release; }
  await x.release(); return y.release;
}
const q = (await a`select ${1}::int as x, pg_backend_pid() as p`)[0]!.p;
let rel = await freeOtherThan(q);
try { const r = await a.begin((tx) => tx`select ${3}::int as x, pg_backend_pid() as p`); console.log("in tx ok", r, q); } catch (e) { console.log("ERR tx", (e as Error).message); }
await rel();
clearTimeout(t); process.exit(0);
