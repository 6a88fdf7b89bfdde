/** Rooms over one fake connection, driven by a fake clock: the set-up of the controller tests. */
import { ChatConnection } from "./connection";
import { RoomController } from "./room-controller";
import { FakeClock, FakeSocket } from "./test-fakes";
import { msg as fixture, roomInit } from "./test-rooms";
import type { SocketLike } from "./wire";

/** A message whose body is `b<seq>`. */
export const msg = (seq: number) => fixture(seq, { body: `b${seq}` });

/** One connection, and a room on it for each id in `rooms` (the first is `c`), each rendered with `initial`. */
export function setup(fetchPages: Record<string, unknown> = {}, rooms = ["r1"], initial = { cursor: 1, messages: [msg(1)] }) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const connection = new ChatConnection("ws://x/ws", {
    clock, random: () => 0,
    createSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1) as unknown as SocketLike),
    wake: () => () => {},
  });
  const fetched: string[] = [];
  const fetch = async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify(fetchPages[url] ?? {}), { status: url in fetchPages ? 200 : 404 });
  };
  const controllers = rooms.map((id) => new RoomController(
    { ...roomInit(initial.cursor, initial.messages, id), room: { id, name: "lobby", kind: "public" } }, { connection, fetch, clock }));
  const c = controllers[0]!;
  const start = () => {
    for (const each of controllers) each.start();
    connection.start();
  };
  const stop = () => {
    for (const each of controllers) each.stop();
    connection.stop();
  };
  return { c, controllers, start, stop, clock, sockets, fetched, ws: () => sockets.at(-1)! };
}

/** Start the rooms and the connection, run `body`, and stop them all even when it throws. */
export async function running(t: { start(): void; stop(): void }, body: () => void | Promise<void>): Promise<void> {
  t.start();
  try {
    await body();
  } finally {
    t.stop();
  }
}
