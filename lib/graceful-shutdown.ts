/*
 * How a server process ends on SIGTERM or SIGINT, the same for the sidecar and
 * the web server: the first signal starts a graceful stop (the caller's `stop`:
 * turn not-ready, stop accepting, finish the work in hand) and exits 0 when it
 * is done; past the deadline it exits 1 with a log line saying so, so an
 * orchestrator's restart never hangs on a stuck drain. A second signal exits
 * at once (1): an operator pressing Ctrl-C twice means "now".
 */
type ShutdownLog = {
  info: (fields: object, message: string) => void;
  error: (fields: object, message: string) => void;
};

export type ShutdownOptions = {
  log: ShutdownLog;
  timeoutMs: number;
  stop: () => Promise<void>;
  /** process.exit, replaceable for a test of this module. */
  exit?: (code: number) => void;
};

const shutdownSignals = ["SIGTERM", "SIGINT"] as const;

/** Install the handlers for SIGTERM and SIGINT. */
export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  const onSignal = gracefulShutdown(options);
  for (const signal of shutdownSignals) process.on(signal, () => onSignal(signal));
}

function gracefulShutdown({ log, timeoutMs, stop, exit = (code) => process.exit(code) }: ShutdownOptions): (signal: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) {
      log.error({ signal }, "second signal: exiting now, without finishing the drain");
      return exit(1);
    }
    stopping = true;
    log.info({ signal, timeoutMs }, "draining: not ready, no new connections; finishing the work in hand");
    const deadline = setTimeout(() => {
      log.error({ timeoutMs }, "drain deadline (SHUTDOWN_TIMEOUT_MS) passed: exiting without finishing");
      exit(1);
    }, timeoutMs); // not unref'd: a drain stuck on a promise alone must not end as a clean exit 0
    stop().then(
      () => {
        clearTimeout(deadline);
        log.info({}, "drained; exiting");
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log.error({ err: error }, "unclean stop");
        exit(1);
      },
    );
  };
}
