import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded photos. Files live in object storage under random keys (never the uploaded name); a
 * row has no owner from upload until a report or incident claims it, and then exactly one.
 */
export class Media1764300200000 implements MigrationInterface {
  name = 'Media1764300200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE photos (
        id uuid PRIMARY KEY,
        storage_key text NOT NULL UNIQUE,
        thumbnail_key text NOT NULL UNIQUE,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        bytes integer NOT NULL CHECK (bytes > 0),
        content_type text NOT NULL,
        owner_kind text CHECK (owner_kind IN ('citizen_report', 'incident')),
        -- text, not uuid: owners come from other contexts, whose id formats are theirs to choose
        owner_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((owner_kind IS NULL) = (owner_id IS NULL))
      )`);
    await db.query(`CREATE INDEX photos_owner_idx ON photos (owner_kind, owner_id) WHERE owner_kind IS NOT NULL`);
    // Finds photos uploaded but never attached, for a later sweep.
    await db.query(`CREATE INDEX photos_unowned_idx ON photos (created_at) WHERE owner_kind IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE photos`);
  }
}
