import { AckWindow } from '../mqtt-ack-window.util';

describe('AckWindow', () => {
  it('acknowledges in arrival order however the commits finish', () => {
    const window = new AckWindow({ maxMessages: 10, maxBytes: 1_000 });
    const acked: string[] = [];
    const openAs = (id: string) => window.open(1, (ok) => acked.push(`${id}:${ok}`));
    const a = openAs('a');
    const b = openAs('b');
    const c = openAs('c');
    window.settle(c, 'acknowledge');
    window.settle(b, 'withhold');
    expect(acked).toEqual([]);
    window.settle(a, 'acknowledge');
    expect(acked).toEqual(['a:true', 'b:false', 'c:true']);
    expect(window.size).toBe(0);
  });

  it('has room for a bounded number of messages and bytes, and says when there is room again', async () => {
    const window = new AckWindow({ maxMessages: 2, maxBytes: 100 });
    const first = window.open(10, null);
    window.open(10, null);
    expect(window.hasRoom).toBe(false);
    let room = false;
    const waiting = window.whenRoom().then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    window.settle(first, 'acknowledge');
    await waiting;
    expect(room).toBe(true);

    const heavy = new AckWindow({ maxMessages: 100, maxBytes: 100 });
    heavy.open(120, null);
    expect(heavy.hasRoom).toBe(false);
  });

  it('frees the bytes of a settled message even while an earlier one holds its ack back', () => {
    const window = new AckWindow({ maxMessages: 10, maxBytes: 100 });
    window.open(10, null);
    const big = window.open(95, null);
    expect(window.hasRoom).toBe(false);
    window.settle(big, 'acknowledge');
    expect(window.size).toBe(2);
    expect(window.bytes).toBe(10);
    expect(window.hasRoom).toBe(true);
  });

  it('tells when it is empty, and keeps acknowledging after a callback throws', async () => {
    const window = new AckWindow({ maxMessages: 10, maxBytes: 100 });
    const acked: number[] = [];
    const first = window.open(1, () => {
      throw new Error('socket gone');
    });
    const second = window.open(1, () => acked.push(2));
    const empty = window.whenEmpty();
    window.settle(second, 'acknowledge');
    window.settle(first, 'acknowledge');
    await empty;
    expect(acked).toEqual([2]);
  });
});
