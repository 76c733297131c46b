import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Payloads kept whole up to this size; longer ones are cut (the reason says so). */
const MAX_PAYLOAD_CHARS = 65_536;

export interface DeadLetter {
  transport: 'mqtt';
  topic: string | null;
  payload: string;
  reason: string;
}

/**
 * Messages that could not be accepted and had nobody to answer to (MQTT publishers get no reply):
 * kept with the reason, never silently dropped.
 */
@Injectable()
export class DeadLetterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(letter: DeadLetter): Promise<void> {
    const cut = letter.payload.length > MAX_PAYLOAD_CHARS;
    await this.dataSource.query(`INSERT INTO dead_letters (transport, topic, payload, reason) VALUES ($1, $2, $3, $4)`, [
      letter.transport,
      letter.topic,
      cut ? letter.payload.slice(0, MAX_PAYLOAD_CHARS) : letter.payload,
      cut ? `${letter.reason} (payload cut to ${MAX_PAYLOAD_CHARS} characters)` : letter.reason,
    ]);
  }

  async recent(limit = 100): Promise<(DeadLetter & { id: string; receivedAt: string })[]> {
    const rows = await this.dataSource.query<{ id: string; transport: 'mqtt'; topic: string | null; payload: string; reason: string; received_at: Date }[]>(
      `SELECT id, transport, topic, payload, reason, received_at FROM dead_letters ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ ...row, id: String(row.id), receivedAt: new Date(row.received_at).toISOString() }));
  }
}
