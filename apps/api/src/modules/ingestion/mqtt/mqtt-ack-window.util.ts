/** A message between its arrival and its acknowledgement; opaque to callers. */
export interface AckSlot {
  readonly bytes: number;
}

interface OpenSlot extends AckSlot {
  settled: boolean;
  acknowledged: boolean;
  onSettled: ((acknowledged: boolean) => void) | null;
}

export interface AckWindowLimits {
  /** Messages received and not yet acknowledged (or given up). */
  maxMessages: number;
  /** Payload bytes of messages still being processed. */
  maxBytes: number;
}

/**
 * The messages a consumer holds: it bounds them (by count and by payload bytes) and sends their
 * acknowledgements in the order the messages arrived, as MQTT requires of QoS 1 PUBACKs, however
 * the commits that precede them happen to finish.
 */
export class AckWindow {
  private readonly slots: OpenSlot[] = [];
  private bytesInProcess = 0;
  private roomWaiters: (() => void)[] = [];
  private emptyWaiters: (() => void)[] = [];

  constructor(private readonly limits: AckWindowLimits) {}

  /** Messages held: being processed, or processed and waiting for an earlier one before their ack. */
  get size(): number {
    return this.slots.length;
  }

  get bytes(): number {
    return this.bytesInProcess;
  }

  get hasRoom(): boolean {
    return this.slots.length < this.limits.maxMessages && this.bytesInProcess < this.limits.maxBytes;
  }

  /**
   * Takes a message in. `onSettled` is told, in arrival order, whether to acknowledge the message;
   * null for a message that needs no ack (QoS 0).
   */
  open(bytes: number, onSettled: ((acknowledged: boolean) => void) | null): AckSlot {
    const slot: OpenSlot = { bytes, settled: false, acknowledged: false, onSettled };
    this.slots.push(slot);
    this.bytesInProcess += bytes;
    return slot;
  }

  /**
   * The message is done with: `acknowledge` once its readings are committed, `withhold` to leave it
   * unacknowledged so the broker delivers it again. Its `onSettled` runs as soon as every earlier
   * message is settled too.
   */
  settle(handle: AckSlot, outcome: 'acknowledge' | 'withhold'): void {
    const slot = handle as OpenSlot;
    if (slot.settled) return;
    slot.settled = true;
    slot.acknowledged = outcome === 'acknowledge';
    this.bytesInProcess -= slot.bytes;
    while (this.slots[0]?.settled) {
      const head = this.slots.shift() as OpenSlot;
      try {
        head.onSettled?.(head.acknowledged);
      } catch {
        // The callbacks report their own failures; one of them failing must not hold up the acks after it.
      }
    }
    this.wake();
  }

  /** Resolves when another message may be taken in. */
  whenRoom(): Promise<void> {
    return this.hasRoom ? Promise.resolve() : new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves when every message taken in is settled. */
  whenEmpty(): Promise<void> {
    return this.slots.length === 0 ? Promise.resolve() : new Promise((resolve) => this.emptyWaiters.push(resolve));
  }

  /** Lets everyone waiting for room go on (shutting down: they will not take anything in). */
  releaseWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private wake(): void {
    if (this.hasRoom) this.releaseWaiters();
    if (this.slots.length === 0) {
      const waiters = this.emptyWaiters;
      this.emptyWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
