import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly briefings, made on request or by the Monday scheduler (`created_by` null). The file itself
 * is in object storage under `file_key`. The scheduler makes a week's briefing in a format at most
 * once: a partial unique index refuses a second scheduled row that has not failed.
 */
export class Briefings1764400200000 implements MigrationInterface {
  name = 'Briefings1764400200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE briefings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        format text NOT NULL CHECK (format IN ('pdf', 'xlsx', 'csv')),
        locale text NOT NULL CHECK (locale IN ('vi', 'en')),
        provisional boolean NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
        error text,
        file_key text,
        size_bytes bigint CHECK (size_bytes >= 0),
        CONSTRAINT briefings_done_has_file CHECK (status <> 'done' OR (file_key IS NOT NULL AND size_bytes IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX briefings_created_idx ON briefings (created_at DESC)`);
    await db.query(`
      CREATE UNIQUE INDEX briefings_scheduled_once_idx ON briefings (week, format)
      WHERE created_by IS NULL AND status <> 'failed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE briefings`);
  }
}
