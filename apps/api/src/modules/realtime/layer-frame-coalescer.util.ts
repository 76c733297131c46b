import type { LayerEntityUpdate, LayerFrame } from '@mekong-ioc/shared';

/**
 * Gathers the updates of one map layer and hands them out as frames, at most one per `frameMs`:
 * within a frame the newest state of each entity wins, so a device reporting 100 times in 200 ms
 * costs clients one entity update, not a hundred.
 */
export class LayerFrameCoalescer {
  private pending = new Map<string, unknown>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;

  constructor(
    private readonly frameMs: number,
    private readonly sendFrame: (frame: LayerFrame) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(update: LayerEntityUpdate): void {
    // Re-inserting moves the key to the end, so a frame lists entities in order of their last change.
    this.pending.delete(update.key);
    this.pending.set(update.key, update.state ?? null);
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.frameMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what is pending now (also on shutdown, so the last states are not lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.size) return;
    const updates = [...this.pending].map(([key, state]) => ({ key, state }));
    this.pending = new Map();
    this.lastFlushAt = this.now();
    this.sendFrame({ updates });
  }

  get pendingEntities(): number {
    return this.pending.size;
  }
}
