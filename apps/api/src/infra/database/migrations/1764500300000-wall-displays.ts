import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wall displays: named, revocable device credentials for the video wall. Only a SHA-256 of the
 * credential is kept; `created_by` is the administrator who issued it.
 */
export class WallDisplays1764500300000 implements MigrationInterface {
  name = 'WallDisplays1764500300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE wall_displays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        prefix text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE wall_displays`);
  }
}
