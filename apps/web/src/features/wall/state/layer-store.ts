import {
  LIVE_LAYER_STATE_SCHEMAS,
  layerFrameSchema,
  type LayerFrame,
  type LiveLayer,
  type LiveLayerState,
  type LiveReducer,
} from '@mekong-ioc/shared';

export interface LayerEntity<S> {
  key: string;
  state: S;
}

/** Per-entity columns for a dense layer, written in place and handed to deck.gl as binary attributes. */
export interface BinaryColumns<S> {
  /** [lon, lat] per entity. */
  positions: Float32Array;
  /** RGBA per entity. */
  colors: Uint8Array;
  colorOf: (state: S) => readonly [number, number, number, number];
}

/**
 * One map layer's entities, kept in place: a dense array (deleted entities are swapped with the
 * last) and an index by key, plus typed-array columns for dense layers. deck.gl gets the same array
 * and buffers every time; `version` goes up on every change and drives `updateTriggers`.
 */
export class LayerStore<L extends LiveLayer> {
  readonly items: LayerEntity<LiveLayerState<L>>[] = [];
  readonly #index = new Map<string, number>();
  version = 0;
  /** Entities in the last frames that did not parse (a newer server speaking a newer schema). */
  rejected = 0;
  #binary: BinaryColumns<LiveLayerState<L>> | null = null;

  constructor(
    readonly layer: L,
    colorOf: ((state: LiveLayerState<L>) => readonly [number, number, number, number]) | null = null,
    initialCapacity = 256,
  ) {
    if (colorOf) this.#binary = { positions: new Float32Array(initialCapacity * 2), colors: new Uint8Array(initialCapacity * 4), colorOf };
  }

  get size(): number {
    return this.items.length;
  }

  get binary(): Readonly<BinaryColumns<LiveLayerState<L>>> | null {
    return this.#binary;
  }

  get(key: string): LiveLayerState<L> | undefined {
    const at = this.#index.get(key);
    return at === undefined ? undefined : this.items[at]?.state;
  }

  /** Applies a frame (a snapshot's or a delta's) in place: upserts by key, `null` removes. */
  apply(frame: LayerFrame): this {
    const schema = LIVE_LAYER_STATE_SCHEMAS[this.layer];
    for (const update of frame.updates) {
      if (update.state === null || update.state === undefined) {
        this.#remove(update.key);
        continue;
      }
      const parsed = schema.safeParse(update.state);
      if (!parsed.success) {
        this.rejected += 1;
        continue;
      }
      this.#upsert(update.key, parsed.data as LiveLayerState<L>);
    }
    this.version += 1;
    return this;
  }

  /** Entries for the offline cache: the newest `limit` entities. */
  entries(limit = Infinity): [string, LiveLayerState<L>][] {
    const start = Math.max(0, this.items.length - limit);
    return this.items.slice(start).map((entity) => [entity.key, entity.state]);
  }

  #upsert(key: string, state: LiveLayerState<L>): void {
    let at = this.#index.get(key);
    if (at === undefined) {
      at = this.items.length;
      this.items.push({ key, state });
      this.#index.set(key, at);
      this.#ensureCapacity(this.items.length);
    } else {
      const entity = this.items[at];
      if (entity) entity.state = state;
    }
    this.#writeColumns(at, state);
  }

  #remove(key: string): void {
    const at = this.#index.get(key);
    if (at === undefined) return;
    const last = this.items.length - 1;
    const moved = this.items[last];
    this.#index.delete(key);
    if (at !== last && moved) {
      this.items[at] = moved;
      this.#index.set(moved.key, at);
      this.#writeColumns(at, moved.state);
    }
    this.items.pop();
  }

  #writeColumns(at: number, state: LiveLayerState<L>): void {
    const binary = this.#binary;
    if (!binary) return;
    const placed = state as { lon: number; lat: number };
    binary.positions[at * 2] = placed.lon;
    binary.positions[at * 2 + 1] = placed.lat;
    const color = binary.colorOf(state);
    binary.colors.set(color, at * 4);
  }

  #ensureCapacity(count: number): void {
    const binary = this.#binary;
    if (!binary || binary.positions.length >= count * 2) return;
    const capacity = Math.max(count, (binary.positions.length / 2) * 2);
    const positions = new Float32Array(capacity * 2);
    positions.set(binary.positions);
    const colors = new Uint8Array(capacity * 4);
    colors.set(binary.colors);
    this.#binary = { ...binary, positions, colors };
  }
}

/**
 * The live reducer of a layer topic that keeps one LayerStore and changes it in place (the shared
 * entity-map reducer copies the map on every frame, too slow for 50 000 report points).
 */
export function layerStoreReducer<L extends LiveLayer>(create: () => LayerStore<L>): LiveReducer<LayerStore<L>> {
  return {
    fromSnapshot: (snapshot) => create().apply(layerFrameSchema.parse(snapshot ?? { updates: [] })),
    applyDelta: (store, payload) => store.apply(layerFrameSchema.parse(payload)),
  };
}
