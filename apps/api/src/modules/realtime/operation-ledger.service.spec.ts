import type { AppConfig } from '../../config/app-config';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';
import { OperationLedger } from './operation-ledger.service';

describe('OperationLedger without Redis', () => {
  const withoutRedis = new RealtimeRedis({ realtime: { redisUrl: null, redisKeyPrefix: 'test:' } } as AppConfig);

  it('lets the first claim of an operation id win and refuses its retries, per user', async () => {
    const ledger = new OperationLedger(withoutRedis);
    expect([
      await ledger.claim('user-1', 'op-1'),
      await ledger.claim('user-1', 'op-1'),
      await ledger.claim('user-2', 'op-1'),
      await ledger.claim('user-1', 'op-2'),
    ]).toEqual([true, false, true, true]);
  });
});
