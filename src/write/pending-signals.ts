/**
 * Let the event loop pass once through its poll phase, where a signal that
 * arrived meanwhile (SIGINT, SIGTERM) reaches its listeners: a signal that
 * arrives during synchronous work waits there, and one immediate alone may
 * run before the poll phase. Long synchronous work calls this between its
 * parts, so that a signal stops it soon.
 */
export async function handlePendingSignals(): Promise<void> {
  await new Promise(setImmediate);
  await new Promise(setImmediate);
}
