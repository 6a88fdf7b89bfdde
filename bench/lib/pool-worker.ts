/*
 * The worker side of WorkerPool (pool.ts): answers each request from the
 * parent (Node IPC) under its id, with the handler's result or its error.
 * `exit`, sent by WorkerPool.stop(), runs onExit, answers and ends the
 * process; a lost parent ends it too.
 */
export type Command = { cmd: string };
export type Request = { id: number; command: Command };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export const exitCommand = { cmd: "exit" } as const;

export function serveCommands<C extends Command>(handle: (command: C) => unknown, onExit: () => void): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("a pool worker runs as a WorkerPool child (with an IPC channel)");
  const reply = (r: Reply) => void send(r);
  process.on("message", ({ id, command }: Request) => {
    if (command.cmd === exitCommand.cmd) {
      onExit();
      reply({ id, ok: true, result: true });
      setImmediate(() => process.exit(0));
      return;
    }
    Promise.resolve()
      .then(() => handle(command as C))
      .then(
        (result) => reply({ id, ok: true, result }),
        (error: unknown) => reply({ id, ok: false, error: String(error) }),
      );
  });
  process.on("disconnect", () => process.exit(0));
}
