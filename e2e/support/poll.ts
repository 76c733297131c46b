/**
 * Reads until `accept` holds or the time is up, and returns the last reading either way, so the
 * test's own `expect` on it names what was seen instead of a bare timeout. For conditions that no
 * locator can wait on (numbers compared with the API, layout measurements).
 */
export async function pollUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
