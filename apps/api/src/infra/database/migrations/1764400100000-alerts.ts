import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert rules (data, edited by admins), the alerts they raise, and every state change of an alert.
 *
 * One alert at a time per subject: `subject_key` names what an alert is about (a rule and a device,
 * a rule and a KPI, an incident's missed deadline), and a partial unique index lets only one of them
 * be raised or acknowledged at once. Two instances evaluating the same reading therefore raise it
 * once between them; a cleared alert leaves the index, so the next crossing is a new alert.
 */
export class Alerts1764400100000 implements MigrationInterface {
  name = 'Alerts1764400100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        -- {kind:'kpi',kpiId} | {kind:'device',feed,metric,deviceId?,thresholdsFromDevice?} | {kind:'no_data',feed,deviceId?,factor,wholeFeed?}
        target jsonb NOT NULL CHECK (target->>'kind' IN ('kpi', 'device', 'no_data')),
        comparator text NOT NULL CHECK (comparator IN ('above', 'below')),
        warning double precision,
        critical double precision,
        hysteresis double precision NOT NULL DEFAULT 0 CHECK (hysteresis >= 0),
        for_seconds integer NOT NULL DEFAULT 0 CHECK (for_seconds >= 0),
        enabled boolean NOT NULL DEFAULT true,
        open_incident boolean NOT NULL DEFAULT false,
        incident_category text,
        -- Set on the rules the demo seeds, so seeding again finds them instead of adding copies.
        seed_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX alert_rules_seed_key_idx ON alert_rules (seed_key) WHERE seed_key IS NOT NULL`);

    await db.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid REFERENCES alert_rules (id) ON DELETE SET NULL,
        subject_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('threshold', 'no_data', 'sla_breach')),
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        state text NOT NULL CHECK (state IN ('raised', 'acknowledged', 'cleared')),
        title_vi text NOT NULL,
        title_en text NOT NULL,
        detail_vi text NOT NULL,
        detail_en text NOT NULL,
        kpi_id text,
        device_id text,
        feed text,
        metric text,
        incident_id uuid REFERENCES incidents (id),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lon double precision CHECK (lon BETWEEN -180 AND 180),
        zone text,
        value double precision,
        threshold double precision,
        raised_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users (id),
        ack_comment text,
        cleared_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alerts_cleared_has_time CHECK ((state = 'cleared') = (cleared_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX alerts_one_active_per_subject_idx ON alerts (subject_key) WHERE state <> 'cleared'`);
    await db.query(`CREATE INDEX alerts_active_idx ON alerts (raised_at DESC) WHERE state <> 'cleared'`);
    await db.query(`CREATE INDEX alerts_updated_idx ON alerts (updated_at DESC)`);
    await db.query(`CREATE INDEX alerts_incident_idx ON alerts (incident_id) WHERE incident_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE alert_history (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN ('raised', 'escalated', 'acknowledged', 'cleared', 'incident_linked')),
        actor_user_id uuid,
        actor_label text,
        from_state text,
        to_state text NOT NULL,
        from_severity text,
        to_severity text NOT NULL,
        comment text,
        -- The client's operation id: a retried acknowledgement finds its row instead of adding one.
        op_id uuid,
        CONSTRAINT alert_history_op_once UNIQUE (alert_id, op_id)
      )`);
    await db.query(`CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alert_history`);
    await db.query(`DROP TABLE alerts`);
    await db.query(`DROP TABLE alert_rules`);
  }
}
