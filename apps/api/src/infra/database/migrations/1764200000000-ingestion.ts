import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device registry, raw readings (partitioned by day, so a month of data does not slow inserts and
 * retention drops whole partitions), one-minute rollups, and the dead-letter table for messages
 * that could not be accepted and had no one to answer to (MQTT).
 */
export class Ingestion1764200000000 implements MigrationInterface {
  name = 'Ingestion1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE devices (
        id text PRIMARY KEY,
        feed text NOT NULL,
        kind text NOT NULL,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        zone text NOT NULL,
        group_id text NOT NULL,
        expected_interval_seconds integer NOT NULL CHECK (expected_interval_seconds > 0),
        thresholds jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX devices_feed_idx ON devices (feed)`);
    await db.query(`
      CREATE TABLE readings (
        source text NOT NULL,
        device_id text NOT NULL,
        metric text NOT NULL,
        observed_at timestamptz NOT NULL,
        value double precision NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, device_id, metric, observed_at)
      ) PARTITION BY RANGE (observed_at)`);
    // A safety net: a reading never fails for want of a partition. Daily partitions are created
    // ahead by the partition maintainer, so this one stays empty.
    await db.query(`CREATE TABLE readings_default PARTITION OF readings DEFAULT`);
    await db.query(`
      CREATE TABLE reading_rollups_1m (
        device_id text NOT NULL,
        metric text NOT NULL,
        bucket timestamptz NOT NULL,
        count integer NOT NULL,
        min double precision NOT NULL,
        max double precision NOT NULL,
        -- numeric, so the sum is exact and the same whatever order the readings arrive in
        sum numeric NOT NULL,
        last_value double precision NOT NULL,
        last_observed_at timestamptz NOT NULL,
        PRIMARY KEY (device_id, metric, bucket)
      )`);
    await db.query(`CREATE INDEX reading_rollups_1m_bucket_idx ON reading_rollups_1m USING brin (bucket)`);
    await db.query(`
      CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        transport text NOT NULL,
        topic text,
        payload text NOT NULL,
        reason text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dead_letters`);
    await db.query(`DROP TABLE reading_rollups_1m`);
    await db.query(`DROP TABLE readings`);
    await db.query(`DROP TABLE devices`);
  }
}
