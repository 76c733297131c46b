import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const PROBE_TIMEOUT_MS = 1_500;

/** Asks the database for a trivial answer, bounded in time, so a dead server reads "down" quickly. */
@Injectable()
export class DatabaseProbe {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ping(): Promise<{ up: boolean; latencyMs: number | null }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database probe timed out')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch {
      return { up: false, latencyMs: null };
    } finally {
      clearTimeout(timer);
    }
  }
}
