import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Genesis link of the audit hash chain: the first row's prev_hash. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * Advisory lock keys (two-int form: class, object). The audit chain takes (7300, 0) for every
 * append; fusion takes (7301, hashtext(category)) so two near reports of one category cannot both
 * open an incident.
 */
export const AUDIT_CHAIN_LOCK_CLASS = 7300;
export const FUSION_LOCK_CLASS = 7301;

/**
 * Agency units, incidents, what fed them, and the append-only, hash-chained audit trail.
 *
 * The chain is kept by the database itself: a BEFORE INSERT trigger takes a transaction-level
 * advisory lock, reads the newest row's hash and computes the new one, so no writer (this API,
 * a second instance, a hand-written INSERT) can fork it. The row id is drawn after the lock, so
 * id order is chain order. This relies on READ COMMITTED (each statement of the trigger sees rows
 * committed before it got the lock), which is what every transaction of the API uses.
 */
export class Incidents1764300000000 implements MigrationInterface {
  name = 'Incidents1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agency_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies (id),
        code text NOT NULL,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'busy', 'offline')),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, code)
      )`);
    // Demo units are created with the demo agencies at start-up (DEMO_MODE), which come after
    // migrations; a real deployment registers its own.

    await db.query(`CREATE SEQUENCE incident_reference_seq`);
    await db.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Drawn from incident_reference_seq by the insert: 'SC-' and six or more digits.
        reference text NOT NULL UNIQUE,
        category text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        status text NOT NULL CHECK (status IN ('new', 'verified', 'dispatched', 'on_scene', 'resolved', 'closed', 'rejected', 'duplicate')),
        source text NOT NULL CHECK (source IN ('citizen_report', 'camera_event', 'sensor_alert', 'officer')),
        title text NOT NULL,
        description text NOT NULL,
        zone text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        agency_id uuid REFERENCES agencies (id),
        unit_id uuid REFERENCES agency_units (id),
        version integer NOT NULL DEFAULT 1,
        merged_into_id uuid REFERENCES incidents (id),
        -- The newest report that fed it: fusion's time window counts from here.
        last_reported_at timestamptz NOT NULL,
        dispatch_deadline timestamptz NOT NULL,
        resolve_deadline timestamptz NOT NULL,
        dispatch_breached_at timestamptz,
        resolve_breached_at timestamptz,
        dispatched_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT incidents_duplicate_has_target CHECK (merged_into_id IS NULL OR status = 'duplicate')
      )`);
    await db.query(`CREATE INDEX incidents_created_idx ON incidents (created_at DESC)`);
    await db.query(`CREATE INDEX incidents_status_priority_idx ON incidents (status, priority, created_at DESC)`);
    await db.query(`CREATE INDEX incidents_agency_idx ON incidents (agency_id, created_at DESC)`);
    await db.query(`CREATE INDEX incidents_zone_idx ON incidents (zone, created_at DESC)`);
    await db.query(`CREATE INDEX incidents_category_idx ON incidents (category, created_at DESC)`);
    await db.query(`CREATE INDEX incidents_merged_into_idx ON incidents (merged_into_id) WHERE merged_into_id IS NOT NULL`);
    // Fusion looks for open incidents of one category reported lately near a point.
    await db.query(`
      CREATE INDEX incidents_fusion_idx ON incidents (category, last_reported_at, lat, lon)
      WHERE status IN ('new', 'verified', 'dispatched', 'on_scene')`);
    // The SLA monitor looks only at incidents whose clock is still running.
    await db.query(`
      CREATE INDEX incidents_sla_idx ON incidents (dispatch_deadline, resolve_deadline)
      WHERE status IN ('new', 'verified', 'dispatched', 'on_scene')`);

    await db.query(`
      CREATE TABLE incident_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents (id),
        kind text NOT NULL CHECK (kind IN ('citizen_report', 'camera_event', 'sensor_alert', 'officer')),
        ref text,
        description text NOT NULL,
        photo_ids uuid[] NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        received_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX incident_sources_incident_idx ON incident_sources (incident_id, received_at)`);
    await db.query(`CREATE INDEX incident_sources_ref_idx ON incident_sources (kind, ref) WHERE ref IS NOT NULL`);

    await db.query(`
      CREATE TABLE incident_audit (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents (id),
        actor_user_id uuid,
        actor_role text NOT NULL,
        actor_label text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        from_status text,
        to_status text,
        reason text,
        details jsonb NOT NULL,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        -- A second row claiming the same predecessor would be a fork of the chain.
        CONSTRAINT incident_audit_single_successor UNIQUE (prev_hash)
      )`);
    await db.query(`CREATE INDEX incident_audit_incident_idx ON incident_audit (incident_id, id)`);

    // The row's canonical content: a jsonb array's text form is deterministic (jsonb normalises
    // key order and spacing), and the time is taken as integer microseconds, so the same row
    // always hashes the same whatever the session's time zone or date style.
    await db.query(`
      CREATE FUNCTION incident_audit_row_hash(prev_hash text, r incident_audit) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(prev_hash || jsonb_build_array(
          r.id, r.incident_id, r.actor_user_id, r.actor_role, r.actor_label,
          (extract(epoch FROM r.at) * 1000000)::bigint, r.action, r.from_status, r.to_status,
          r.reason, r.details, r.request_id
        )::text, 'UTF8')), 'hex')
      $$`);
    await db.query(`
      CREATE FUNCTION incident_audit_chain() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_CLASS}, 0);
        NEW.id := nextval(pg_get_serial_sequence('incident_audit', 'id'));
        SELECT hash INTO previous FROM incident_audit ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := coalesce(previous, '${AUDIT_GENESIS_HASH}');
        NEW.hash := incident_audit_row_hash(NEW.prev_hash, NEW);
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER incident_audit_chain BEFORE INSERT ON incident_audit
      FOR EACH ROW EXECUTE FUNCTION incident_audit_chain()`);
    await db.query(`
      CREATE FUNCTION incident_audit_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'incident_audit is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER incident_audit_no_update_delete BEFORE UPDATE OR DELETE ON incident_audit
      FOR EACH ROW EXECUTE FUNCTION incident_audit_refuse_change()`);
    await db.query(`
      CREATE TRIGGER incident_audit_no_truncate BEFORE TRUNCATE ON incident_audit
      FOR EACH STATEMENT EXECUTE FUNCTION incident_audit_refuse_change()`);
    // Grants are the second wall. The table's owner (the role that runs migrations) can always
    // change or disable its triggers, so production runs the API as a separate, non-owner role
    // granted only SELECT and INSERT here: that role cannot UPDATE, DELETE or TRUNCATE even if the
    // trigger were dropped, and cannot drop or disable the trigger. Revoking from PUBLIC makes sure
    // no role gets those rights by default, only by an explicit (and reviewable) GRANT.
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON incident_audit FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The hash function takes the table's row type, so it goes first.
    await db.query(`DROP FUNCTION incident_audit_row_hash(text, incident_audit)`);
    await db.query(`DROP TABLE incident_audit`);
    await db.query(`DROP FUNCTION incident_audit_refuse_change()`);
    await db.query(`DROP FUNCTION incident_audit_chain()`);
    await db.query(`DROP TABLE incident_sources`);
    await db.query(`DROP TABLE incidents`);
    await db.query(`DROP SEQUENCE incident_reference_seq`);
    await db.query(`DROP TABLE agency_units`);
  }
}
