import type { ClientSocket } from "./socket";

export type SocketCaps = { perUser: number; perAddress: number };

/**
 * The open sockets of this sidecar by user (revocations close them by user)
 * and their count by client address, for the caps MAX_SOCKETS_PER_USER and
 * MAX_SOCKETS_PER_ADDRESS. Counted at open and close, per sidecar: behind a
 * balancer of N sidecars a user may hold up to N times the cap.
 */
export class SocketRegistry {
  private byUser = new Map<string, Set<ClientSocket>>();
  private perAddress = new Map<string, number>();

  constructor(private caps: SocketCaps) {}

  add(ws: ClientSocket): void {
    const { user, session } = ws.getUserData();
    const mine = this.byUser.get(user.id);
    if (mine) mine.add(ws);
    else this.byUser.set(user.id, new Set([ws]));
    this.perAddress.set(session.address, (this.perAddress.get(session.address) ?? 0) + 1);
  }

  remove(ws: ClientSocket): void {
    const { user, session } = ws.getUserData();
    const mine = this.byUser.get(user.id);
    if (mine?.delete(ws) && mine.size === 0) this.byUser.delete(user.id);
    const left = (this.perAddress.get(session.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(session.address, left);
    else this.perAddress.delete(session.address);
  }

  ofUser(userId: string): ReadonlySet<ClientSocket> {
    return this.byUser.get(userId) ?? new Set();
  }

  users(): IterableIterator<[string, ReadonlySet<ClientSocket>]> {
    return this.byUser.entries();
  }

  addressFull(address: string): boolean {
    return (this.perAddress.get(address) ?? 0) >= this.caps.perAddress;
  }

  userFull(userId: string): boolean {
    return (this.byUser.get(userId)?.size ?? 0) >= this.caps.perUser;
  }
}
