/** A ShellController on a fake connection and clock for the shell tests; `snapshot` is what GET /api/me/rooms answers. */
import { ChatConnection } from "./connection";
import { ShellController } from "./shell-controller";
import { FakeClock, FakeSocket } from "./test-fakes";
import type { SidebarRoom } from "./unread";
import type { SocketLike } from "./wire";

export function shellHarness(rooms: SidebarRoom[], snapshot: SidebarRoom[] = rooms) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const connection = new ChatConnection("ws://x/ws", {
    clock, random: () => 0, wake: () => () => {},
    createSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1) as unknown as SocketLike),
  });
  const fetched: string[] = [];
  const fetch = async (url: string) => (fetched.push(url), new Response(JSON.stringify({ rooms: snapshot })));
  const shell = new ShellController({ id: "u-me", username: "me" }, rooms, { connection, fetch, clock });
  return { shell, clock, connection, fetch, fetched, ws: () => sockets.at(-1)! };
}
