import type { Db } from "../../db/client";
import type { ClientSpec } from "../generator/index";
import { seedRoomsWithMembers } from "./seed";

/*
 * The fan-out workload: `rooms` public rooms of `members` users each, every
 * user one client subscribed to its room; the first `sendersPerRoom` members
 * of each room also send. Every server in a run gets the same clients (the
 * baselines ignore the tokens).
 */
export type FanoutShape = { rooms: number; members: number; sendersPerRoom: number; bodyBytes: number };

export const fullShape: FanoutShape = { rooms: 10, members: 100, sendersPerRoom: 5, bodyBytes: 64 };
export const quickShape: FanoutShape = { rooms: 4, members: 50, sendersPerRoom: 5, bodyBytes: 64 };

export type Workload = { shape: FanoutShape; roomIds: string[]; clients: ClientSpec[] };

export async function seedFanout(db: Db, shape: FanoutShape, probeEvery = 0): Promise<Workload> {
  const { groups, roomIds } = await seedRoomsWithMembers(db, shape.rooms, shape.members);
  const clients = groups.flatMap((group, r) =>
    group.map((user, i) => ({
      token: user.token,
      rooms: [{ room: roomIds[r]! }],
      sender: i < shape.sendersPerRoom,
      probe: probeEvery > 0 && i % probeEvery === 0,
    })),
  );
  return { shape, roomIds, clients };
}
