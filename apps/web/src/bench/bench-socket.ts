import type { LayerFrame, LiveLayer, LiveSubscribeAck } from '@mekong-ioc/shared';
import type { LiveSocket } from '../realtime/live-client';

type Handler = (payload: unknown) => void;
const EPOCH = 'bench-epoch';

/**
 * The server side of the live protocol, in the page: answers `subscribe` with a snapshot and an
 * ack as the API's gateway does, then hands numbered `live:delta` envelopes to the LiveClient's own
 * handlers. Deltas arrive as JSON text and are parsed on delivery, as socket.io-client would.
 */
export class BenchSocket {
  connected = false;
  readonly #handlers = new Map<string, Handler[]>();
  readonly #seq = new Map<string, number>();

  constructor(private readonly snapshots: ReadonlyMap<LiveLayer, LayerFrame>) {
    setTimeout(() => {
      this.connected = true;
      this.#fire('connect', undefined);
    }, 0);
  }

  asLiveSocket(): LiveSocket {
    return this as unknown as LiveSocket;
  }

  on(event: string, handler: Handler): this {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  timeout(): { emitWithAck: (event: string, request: { topic: string }) => Promise<LiveSubscribeAck> } {
    return {
      emitWithAck: async (_event, request) => {
        const layer = request.topic.replace('layer:', '') as LiveLayer;
        this.#seq.set(request.topic, 0);
        this.#fire('live:snapshot', { topic: request.topic, epoch: EPOCH, seq: 0, snapshot: this.snapshots.get(layer) ?? { updates: [] } });
        // The LiveClient parses the ack with the shared schema, as it parses the gateway's.
        return { ok: true, topic: request.topic, epoch: EPOCH, seq: 0, mode: 'snapshot', replayed: 0 } as LiveSubscribeAck;
      },
    };
  }

  emit(): this {
    return this;
  }

  connect(): this {
    return this;
  }

  disconnect(): this {
    this.connected = false;
    return this;
  }

  /** The next delta of a layer topic, as JSON text (what arrives over the websocket). */
  encodeDelta(layer: LiveLayer, frame: LayerFrame): string {
    const topic = `layer:${layer}`;
    const seq = (this.#seq.get(topic) ?? 0) + 1;
    this.#seq.set(topic, seq);
    return JSON.stringify({ topic, epoch: EPOCH, seq, payload: frame });
  }

  deliver(text: string): void {
    this.#fire('live:delta', JSON.parse(text));
  }

  #fire(event: string, payload: unknown): void {
    for (const handler of this.#handlers.get(event) ?? []) handler(payload);
  }
}
