/**
 * Sends pre-built JSON bodies to an ingest URL from `connections` concurrent clients, each taking
 * the next body until none is left; returns committed readings per second.
 */
export async function sendBatches(url, apiKey, bodies, { connections }) {
  let next = 0;
  let stored = 0;
  let unavailable = 0;
  const started = performance.now();
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      for (;;) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body });
        if (response.status === 503) {
          // Not committed: send the same body again (another client may have taken the next one meanwhile).
          unavailable++;
          await response.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        stored += (await response.json()).stored.length;
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const seconds = (performance.now() - started) / 1000;
  return { stored, seconds, perSecond: stored / seconds, unavailable };
}
