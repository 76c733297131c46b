import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen reports (Open311 and the web form), each feeding an incident, and the answers kept for
 * `Idempotency-Key` retries. The reporter's contact columns are private: no public answer and no
 * log line reads them.
 */
export class CitizenReports1764300100000 implements MigrationInterface {
  name = 'CitizenReports1764300100000';

  async up(db: QueryRunner): Promise<void> {
    // Open311 ids are short and read out over the phone; the tracking code is the unguessable one.
    await db.query(`CREATE SEQUENCE citizen_report_number_seq START 100001`);
    // Behind a function so the column default is not a bare nextval(), which TypeORM would take for
    // a serial column of its own when comparing the entities with the schema.
    await db.query(`
      CREATE FUNCTION next_citizen_report_number() RETURNS text LANGUAGE sql VOLATILE
      AS $$ SELECT nextval('citizen_report_number_seq')::text $$`);
    await db.query(`
      CREATE TABLE citizen_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_request_id text NOT NULL UNIQUE DEFAULT next_citizen_report_number(),
        tracking_code text NOT NULL UNIQUE CHECK (tracking_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
        channel text NOT NULL CHECK (channel IN ('open311', 'web')),
        category text NOT NULL CHECK (category IN ('public_order', 'traffic_violation', 'sidewalk_encroachment',
          'waste_environment', 'flooding', 'street_lighting', 'trees', 'road_damage', 'illegal_construction', 'fire', 'other')),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        -- true when only an address was given and the report was placed at the city centre
        location_approximate boolean NOT NULL DEFAULT false,
        address text CHECK (length(address) <= 300),
        -- the first photo's public path and the count, so a list of a thousand requests needs no photo look-ups
        media_path text,
        photo_count smallint NOT NULL DEFAULT 0 CHECK (photo_count BETWEEN 0 AND 5),
        external_media_url text CHECK (length(external_media_url) <= 2000),
        contact_first_name text,
        contact_last_name text,
        contact_email text,
        contact_phone text,
        contact_device_id text,
        contact_account_id text,
        locale text NOT NULL CHECK (locale IN ('vi', 'en')),
        incident_id uuid REFERENCES incidents (id),
        api_key_id uuid REFERENCES api_keys (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX citizen_reports_created_idx ON citizen_reports (created_at DESC, id)`);
    await db.query(`CREATE INDEX citizen_reports_category_created_idx ON citizen_reports (category, created_at DESC)`);
    await db.query(`CREATE INDEX citizen_reports_incident_idx ON citizen_reports (incident_id)`);
    await db.query(`
      CREATE TABLE idempotency_keys (
        -- the API key id, or the client IP for callers without one
        scope text NOT NULL,
        key text NOT NULL,
        -- sha-256 of the route, the fields and the photos' bytes: the same key with another request is refused
        fingerprint text NOT NULL,
        response_status smallint,
        response_content_type text,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE citizen_reports`);
    await db.query(`DROP FUNCTION next_citizen_report_number()`);
    await db.query(`DROP SEQUENCE citizen_report_number_seq`);
  }
}
