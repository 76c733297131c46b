import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident opened from a report without coordinates (an Open311 address alone) stands at the
 * city centre for want of a place. It must not look near whatever else is reported there.
 */
export class ApproximateIncidentLocations1764500100000 implements MigrationInterface {
  name = 'ApproximateIncidentLocations1764500100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE incidents ADD COLUMN location_approximate boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE incidents DROP COLUMN location_approximate`);
  }
}
