/** The command-line life of a server (`npm start`, `npm run proxy`, `npm run sandbox`): start, announce, stop. */

/**
 * Starts a server and keeps it until Ctrl-C or SIGTERM, which let in-flight requests finish before the process
 * ends (a second signal ends it at once). A start-up failure that `explain` recognises (a bad setting, a taken
 * port) is one line on stderr and exit code 1, never a stack trace.
 * @param name what stderr lines start with.
 */
export async function runUntilStopped<T extends {close(): Promise<void>}>(
  name: string,
  start: () => Promise<T>,
  explain: (error: unknown) => string | undefined,
  announce: (running: T) => void,
): Promise<void> {
  let running: T;
  try {
    running = await start();
  } catch (error) {
    const message =
      explain(error) ??
      ((error as NodeJS.ErrnoException).code === 'EACCES'
        ? 'not allowed to listen on that port: choose a port above 1023'
        : undefined);
    if (message === undefined) throw error;
    console.error(`${name}: ${message}`);
    process.exit(1);
  }
  announce(running);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
