import { Inject, Injectable } from '@nestjs/common';
import {
  INCIDENT_TRANSITIONS,
  isOpenIncident,
  isReopen,
  type AddIncidentNoteRequest,
  type CreateIncidentRequest,
  type CreateIncidentResponse,
  type IncidentAuditEntry,
  type IncidentDetail,
  type IncidentList,
  type IncidentListQuery,
  type IncidentPriority,
  type IncidentSource,
  type IncidentStatus,
  type MergeIncidentsRequest,
  type SplitIncidentRequest,
  type SplitIncidentResponse,
  type TransitionIncidentRequest,
  type UpdateIncidentRequest,
} from '@mekong-ioc/shared';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { AgencyEntity } from '../agencies/agency.entity';
import { toAgency } from '../agencies/agencies.service';
import type { UserPrincipal } from '../auth/principal';
import { AgencyUnitsService, toAgencyUnit } from './agency-units.service';
import { IncidentAuditService, type AuditAppend } from './incident-audit.service';
import { IncidentEventOutbox } from './incident-event-outbox';
import { IncidentEvents } from './incident-events';
import { IncidentException } from './incident.exception';
import { IncidentIntakeService, incidentTitle, type AuditActor } from './incident-intake.service';
import { toIncidentAuditEntry, toIncidentDetail, toIncidentSummary } from './incident.mapper';
import { IncidentSourceEntity } from './incident-source.entity';
import { IncidentEntity } from './incident.entity';
import { slaDeadlines } from './sla-deadlines.util';

/** What a citizen may see of an incident: no officer names, no internal notes. */
export interface PublicIncidentState {
  incidentId: string;
  status: IncidentStatus;
  priority: IncidentPriority;
  agency: { code: string; nameVi: string; nameEn: string } | null;
  /** The resolve deadline. */
  expectedAt: Date | null;
  updatedAt: Date;
  history: { at: Date; status: IncidentStatus; noteVi: string | null; noteEn: string | null }[];
}

/** Who is looking at or changing incidents. */
export type IncidentViewer = Pick<UserPrincipal, 'role' | 'agencyId'>;

/** The only moves a responder makes, on its own agency's incidents. */
const RESPONDER_TRANSITIONS: Partial<Record<IncidentStatus, IncidentStatus>> = { dispatched: 'on_scene', on_scene: 'resolved' };
/** Statuses after which the unit goes back to being available. */
const RELEASES_UNIT: readonly IncidentStatus[] = ['resolved', 'closed', 'rejected', 'duplicate'];
/** Merges follow duplicates at most this many hops (a merged incident is re-pointed on the next merge). */
const MAX_MERGE_HOPS = 5;

type ColumnValues = Record<string, unknown>;

/** The incident workflow: every change is versioned, checked against the workflow and audited in its transaction. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly intakeService: IncidentIntakeService,
    private readonly audit: IncidentAuditService,
    private readonly units: AgencyUnitsService,
    private readonly events: IncidentEvents,
    private readonly outbox: IncidentEventOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  async list(query: IncidentListQuery, viewer: IncidentViewer): Promise<IncidentList> {
    const builder = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('incident');
    if (query.status) builder.andWhere('incident.status IN (:...statuses)', { statuses: query.status });
    if (query.priority) builder.andWhere('incident.priority IN (:...priorities)', { priorities: query.priority });
    if (query.zone) builder.andWhere('incident.zone IN (:...zones)', { zones: query.zone });
    if (query.category) builder.andWhere('incident.category IN (:...categories)', { categories: query.category });
    if (query.agencyId) builder.andWhere('incident.agency_id = :agencyId', { agencyId: query.agencyId });
    if (viewer.role === 'responder') builder.andWhere('incident.agency_id = :ownAgency', { ownAgency: viewer.agencyId });
    if (query.from) builder.andWhere('incident.created_at >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('incident.created_at < :to', { to: new Date(query.to) });
    const [incidents, total] = await builder
      .orderBy('incident.created_at', 'DESC')
      .addOrderBy('incident.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const counts = await this.sourceCounts(incidents.map((incident) => incident.id));
    return {
      items: incidents.map((incident) => toIncidentSummary(incident, counts.get(incident.id) ?? 0)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async detail(incidentId: string, viewer: IncidentViewer, manager: EntityManager = this.dataSource.manager): Promise<IncidentDetail> {
    return this.detailOf(manager, await this.loadVisible(manager, incidentId, viewer), viewer);
  }

  async auditOf(incidentId: string, viewer: IncidentViewer): Promise<IncidentAuditEntry[]> {
    await this.loadVisible(this.dataSource.manager, incidentId, viewer);
    return (await this.audit.history([incidentId])).map(toIncidentAuditEntry);
  }

  /**
   * What citizens may see of these incidents, keyed by the ids asked for. A duplicate answers with
   * the incident it was merged into, since that is where the work on the citizen's report goes on.
   */
  /**
   * The incident that holds each of these sources now, by the source's ref (a citizen report's
   * id): merges and splits move sources, so this, not the incident first opened, is where a
   * reporter's case stands.
   */
  async incidentsHoldingSources(kind: IncidentSource, refs: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!refs.length) return new Map();
    const rows = await manager.query<{ ref: string; incident_id: string }[]>(
      `SELECT ref, incident_id FROM incident_sources WHERE kind = $1 AND ref = ANY($2)`,
      [kind, [...new Set(refs)]],
    );
    return new Map(rows.map((row) => [row.ref, row.incident_id]));
  }

  async publicStates(incidentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, PublicIncidentState>> {
    const repository = manager.getRepository(IncidentEntity);
    const loaded = new Map<string, IncidentEntity>();
    let missing = [...new Set(incidentIds)];
    for (let hop = 0; hop <= MAX_MERGE_HOPS && missing.length; hop++) {
      for (const incident of await repository.createQueryBuilder('i').where('i.id = ANY(:ids)', { ids: missing }).getMany()) loaded.set(incident.id, incident);
      missing = [...loaded.values()].flatMap((incident) => (incident.mergedIntoId && !loaded.has(incident.mergedIntoId) ? [incident.mergedIntoId] : []));
    }
    const followed = new Map<string, IncidentEntity>();
    for (const id of incidentIds) {
      let incident = loaded.get(id);
      for (let hop = 0; incident?.mergedIntoId && loaded.has(incident.mergedIntoId) && hop < MAX_MERGE_HOPS; hop++) incident = loaded.get(incident.mergedIntoId);
      if (incident) followed.set(id, incident);
    }
    const targets = [...new Set([...followed.values()])];
    const agencyIds = [...new Set(targets.flatMap((incident) => (incident.agencyId ? [incident.agencyId] : [])))];
    const agencies = new Map(
      (agencyIds.length ? await manager.getRepository(AgencyEntity).createQueryBuilder('a').where('a.id = ANY(:ids)', { ids: agencyIds }).getMany() : []).map(
        (agency) => [agency.id, agency],
      ),
    );
    const historyOf = new Map<string, PublicIncidentState['history']>();
    for (const row of await this.audit.history(targets.map((incident) => incident.id), manager)) {
      const history = historyOf.get(row.incidentId) ?? [];
      historyOf.set(row.incidentId, history);
      const statusBefore = history.at(-1)?.status ?? 'new';
      if ((row.action === 'created' || row.action === 'transition' || row.action === 'split_from') && row.toStatus) {
        history.push({ at: row.at, status: row.toStatus, noteVi: null, noteEn: null });
      } else if (row.action === 'note' && row.details['public'] === true) {
        const text = typeof row.details['text'] === 'string' ? row.details['text'] : null;
        const textEn = typeof row.details['textEn'] === 'string' ? row.details['textEn'] : null;
        history.push({ at: row.at, status: statusBefore, noteVi: text, noteEn: textEn ?? text });
      }
    }
    const states = new Map<string, PublicIncidentState>();
    for (const [askedId, incident] of followed) {
      const agency = incident.agencyId ? agencies.get(incident.agencyId) : undefined;
      states.set(askedId, {
        incidentId: incident.id,
        status: incident.status,
        priority: incident.priority,
        agency: agency ? { code: agency.code, nameVi: agency.nameVi, nameEn: agency.nameEn } : null,
        expectedAt: isOpenIncident(incident.status) ? incident.resolveDeadline : null,
        updatedAt: incident.updatedAt,
        history: historyOf.get(incident.id) ?? [],
      });
    }
    return states;
  }

  // ---------------------------------------------------------------------------------------------
  // Changing
  // ---------------------------------------------------------------------------------------------

  /** An officer's own entry: it fuses with a near open incident like any report. */
  async create(request: CreateIncidentRequest, actor: AuditActor, viewer: IncidentViewer): Promise<CreateIncidentResponse> {
    return this.transactions.run(async (manager) => {
      const result = await this.intakeService.intake(manager, {
        source: 'officer',
        category: request.category,
        ...(request.priority && { priority: request.priority }),
        lat: request.lat,
        lon: request.lon,
        receivedAt: this.clock.now(),
        description: request.description,
        photoIds: [],
        sourceRef: actor.userId,
        actor,
      });
      return { joined: result.joined, incident: await this.detail(result.incidentId, viewer, manager) };
    });
  }

  async transition(incidentId: string, request: TransitionIncidentRequest, viewer: IncidentViewer, actor: AuditActor): Promise<IncidentDetail> {
    return this.transactions.run(async (manager) => {
      const incident = await this.loadVisible(manager, incidentId, viewer);
      await this.assertVersion(manager, incident, request.expectedVersion, viewer);
      const from = incident.status;
      const to = request.to;
      const allowed = this.allowedTransitions(incident, viewer);
      if (!allowed.includes(to)) {
        if (viewer.role === 'responder' && INCIDENT_TRANSITIONS[from].includes(to)) {
          throw new IncidentException('INCIDENT_ACTION_FORBIDDEN', `A responder may only move its incidents from dispatched to on scene to resolved.`);
        }
        throw new IncidentException('INCIDENT_TRANSITION_NOT_ALLOWED', `An incident that is ${from} cannot become ${to}.`, { current: from, allowed });
      }
      if (to === 'dispatched' && !incident.agencyId) {
        throw new IncidentException('INCIDENT_AGENCY_REQUIRED', 'Choose the agency that goes on site before dispatching.');
      }
      const now = this.clock.now();
      const changes: ColumnValues = { status: to };
      if (to === 'dispatched') changes['dispatched_at'] = incident.dispatchedAt ?? now;
      if (to === 'resolved') changes['resolved_at'] = now;
      if (isReopen(from, to)) changes['resolved_at'] = null;
      if (to === 'closed') changes['closed_at'] = now;
      await this.updateVersioned(manager, incident, request.expectedVersion, changes, now, viewer);
      if (incident.unitId && RELEASES_UNIT.includes(to)) await this.units.release(manager, incident.unitId, incident.id);
      if (incident.unitId && to === 'dispatched') await this.units.markBusy(manager, incident.unitId);
      await this.audit.append(manager, [
        {
          incidentId,
          actor,
          at: now,
          action: 'transition',
          fromStatus: from,
          toStatus: to,
          reason: request.reason ?? null,
          details: isReopen(from, to) ? { reopen: true } : {},
        },
      ]);
      return this.afterChange(manager, incidentId, viewer, 'transition', from, now);
    });
  }

  async update(incidentId: string, request: UpdateIncidentRequest, viewer: IncidentViewer, actor: AuditActor): Promise<IncidentDetail> {
    return this.transactions.run(async (manager) => {
      const incident = await this.loadVisible(manager, incidentId, viewer);
      await this.assertVersion(manager, incident, request.expectedVersion, viewer);
      if (!isOpenIncident(incident.status) && incident.status !== 'resolved') {
        throw new IncidentException('INCIDENT_TRANSITION_NOT_ALLOWED', `An incident that is ${incident.status} can no longer be changed.`, {
          current: incident.status,
          allowed: this.allowedTransitions(incident, viewer),
        });
      }
      const now = this.clock.now();
      const changes: ColumnValues = {};
      const recorded: Record<string, { from: unknown; to: unknown }> = {};

      if (request.priority && request.priority !== incident.priority) {
        const deadlines = slaDeadlines(this.config.incidents.slaMinutes, request.priority, incident.createdAt);
        Object.assign(changes, { priority: request.priority, dispatch_deadline: deadlines.dispatchDeadline, resolve_deadline: deadlines.resolveDeadline });
        // A later deadline may be breached again; an earlier one keeps the breach already recorded.
        if (deadlines.dispatchDeadline > now) changes['dispatch_breached_at'] = null;
        if (deadlines.resolveDeadline > now) changes['resolve_breached_at'] = null;
        recorded['priority'] = { from: incident.priority, to: request.priority };
      }

      let agencyId = incident.agencyId;
      if (request.agencyId !== undefined && request.agencyId !== incident.agencyId) {
        if (request.agencyId === null && ['dispatched', 'on_scene'].includes(incident.status)) {
          throw new IncidentException('INCIDENT_AGENCY_REQUIRED', 'A dispatched incident keeps an agency; choose another instead.');
        }
        if (request.agencyId && !(await manager.getRepository(AgencyEntity).existsBy({ id: request.agencyId }))) {
          throw new IncidentException('INCIDENT_AGENCY_NOT_FOUND', `There is no agency ${request.agencyId}.`);
        }
        agencyId = request.agencyId;
        changes['agency_id'] = agencyId;
        recorded['agencyId'] = { from: incident.agencyId, to: agencyId };
      }

      // A unit belongs to one agency: a new agency takes the old unit off unless a new one is named.
      let unitId = request.unitId !== undefined ? request.unitId : agencyId === incident.agencyId ? incident.unitId : null;
      if (unitId) {
        const unit = await this.units.find(manager, unitId);
        if (!unit || unit.agencyId !== agencyId) throw new IncidentException('INCIDENT_UNIT_INVALID', 'The unit must belong to the incident\'s agency.');
        if (unit.status === 'offline' && unitId !== incident.unitId) throw new IncidentException('INCIDENT_UNIT_INVALID', `Unit ${unit.code} is offline.`);
      } else {
        unitId = null;
      }
      if (unitId !== incident.unitId) {
        changes['unit_id'] = unitId;
        recorded['unitId'] = { from: incident.unitId, to: unitId };
      }

      if (Object.keys(changes).length) {
        await this.updateVersioned(manager, incident, request.expectedVersion, changes, now, viewer);
        if (incident.unitId && incident.unitId !== unitId) await this.units.release(manager, incident.unitId, incident.id);
        if (unitId && unitId !== incident.unitId && isOpenIncident(incident.status)) await this.units.markBusy(manager, unitId);
        await this.audit.append(manager, [{ incidentId, actor, at: now, action: 'updated', details: { changes: recorded } }]);
        return this.afterChange(manager, incidentId, viewer, 'updated', incident.status, now);
      }
      return this.detailOf(manager, incident, viewer);
    });
  }

  async addNote(incidentId: string, request: AddIncidentNoteRequest, viewer: IncidentViewer, actor: AuditActor): Promise<IncidentDetail> {
    return this.transactions.run(async (manager) => {
      const incident = await this.loadVisible(manager, incidentId, viewer);
      const now = this.clock.now();
      // Notes do not bump the version: they never conflict with a change of status or assignment.
      await manager.query(`UPDATE incidents SET updated_at = $2 WHERE id = $1`, [incidentId, now]);
      await this.audit.append(manager, [
        { incidentId, actor, at: now, action: 'note', details: { text: request.text, ...(request.textEn && { textEn: request.textEn }), public: request.public } },
      ]);
      return this.afterChange(manager, incidentId, viewer, 'note', incident.status, now);
    });
  }

  /** Marks the listed incidents as duplicates of this one and moves their reports here. */
  async merge(targetId: string, request: MergeIncidentsRequest, viewer: IncidentViewer, actor: AuditActor): Promise<IncidentDetail> {
    const duplicateIds = [...new Set(request.incidentIds)];
    if (duplicateIds.includes(targetId)) throw new IncidentException('INCIDENT_MERGE_INVALID', 'An incident cannot be merged into itself.');
    return this.transactions.run(async (manager) => {
      const locked = await manager
        .getRepository(IncidentEntity)
        .createQueryBuilder('i')
        .where('i.id = ANY(:ids)', { ids: [targetId, ...duplicateIds] })
        .orderBy('i.id')
        .setLock('pessimistic_write')
        .getMany();
      const byId = new Map(locked.map((incident) => [incident.id, incident]));
      const target = byId.get(targetId);
      if (!target) throw this.notFound(targetId);
      if (!isOpenIncident(target.status)) {
        throw new IncidentException('INCIDENT_MERGE_INVALID', `Incidents can only be merged into an open one; this one is ${target.status}.`);
      }
      const duplicates = duplicateIds.map((id) => byId.get(id) ?? this.throwNotFound(id));
      for (const duplicate of duplicates) {
        if (!INCIDENT_TRANSITIONS[duplicate.status].includes('duplicate')) {
          throw new IncidentException('INCIDENT_TRANSITION_NOT_ALLOWED', `Incident ${duplicate.reference} is ${duplicate.status} and cannot become a duplicate.`, {
            incidentId: duplicate.id,
            current: duplicate.status,
            allowed: INCIDENT_TRANSITIONS[duplicate.status],
          });
        }
      }
      const now = this.clock.now();
      await manager.query(
        `UPDATE incidents SET status = 'duplicate', merged_into_id = $1, version = version + 1, updated_at = $3 WHERE id = ANY($2)`,
        [targetId, duplicateIds, now],
      );
      // Whatever had been merged into a duplicate now points at the survivor directly.
      await manager.query(`UPDATE incidents SET merged_into_id = $1 WHERE merged_into_id = ANY($2)`, [targetId, duplicateIds]);
      const moved = await manager.query<{ id: string }[]>(
        `WITH moved AS (UPDATE incident_sources SET incident_id = $1 WHERE incident_id = ANY($2) RETURNING id) SELECT id FROM moved`,
        [targetId, duplicateIds],
      );
      await manager.query(
        `UPDATE incidents SET version = version + 1, updated_at = $2,
           last_reported_at = greatest(last_reported_at, (SELECT max(received_at) FROM incident_sources WHERE incident_id = $1))
         WHERE id = $1`,
        [targetId, now],
      );
      for (const duplicate of duplicates) if (duplicate.unitId) await this.units.release(manager, duplicate.unitId, duplicate.id);
      const sourceIds = moved.map((row) => row.id);
      await this.audit.append(manager, [
        { incidentId: targetId, actor, at: now, action: 'merged', details: { incidentIds: duplicateIds, sourceIds } },
        ...duplicates.map(
          (duplicate): AuditAppend => ({
            incidentId: duplicate.id,
            actor,
            at: now,
            action: 'merged_into',
            fromStatus: duplicate.status,
            toStatus: 'duplicate',
            details: { into: targetId },
          }),
        ),
      ]);
      for (const duplicate of duplicates) this.deferChanged(manager, { ...duplicate, status: 'duplicate' }, 'merged_into', duplicate.status, now);
      return this.afterChange(manager, targetId, viewer, 'merged', target.status, now);
    });
  }

  /** Moves these sources out into a new incident: they turned out to be a different problem. */
  async split(incidentId: string, request: SplitIncidentRequest, viewer: IncidentViewer, actor: AuditActor): Promise<SplitIncidentResponse> {
    const sourceIds = [...new Set(request.sourceIds)];
    return this.transactions.run(async (manager) => {
      const incident = await manager
        .getRepository(IncidentEntity)
        .createQueryBuilder('i')
        .where('i.id = :id', { id: incidentId })
        .setLock('pessimistic_write')
        .getOne();
      if (!incident) throw this.notFound(incidentId);
      if (!isOpenIncident(incident.status)) {
        throw new IncidentException('INCIDENT_SPLIT_INVALID', `Only an open incident can be split; this one is ${incident.status}.`);
      }
      const sources = await manager.getRepository(IncidentSourceEntity).find({ where: { incidentId }, order: { receivedAt: 'ASC' } });
      const leaving = sources.filter((source) => sourceIds.includes(source.id));
      if (leaving.length !== sourceIds.length) throw new IncidentException('INCIDENT_SPLIT_INVALID', 'Every source to split off must belong to this incident.');
      if (leaving.length === sources.length) throw new IncidentException('INCIDENT_SPLIT_INVALID', 'At least one source must stay with the incident.');
      const first = leaving[0];
      if (!first) throw new IncidentException('INCIDENT_SPLIT_INVALID', 'Name at least one source.');

      const now = this.clock.now();
      const deadlines = slaDeadlines(this.config.incidents.slaMinutes, incident.priority, now);
      const lastReportedAt = new Date(Math.max(...leaving.map((source) => source.receivedAt.getTime())));
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO incidents (reference, category, priority, status, source, title, description, zone, lat, lon,
                                last_reported_at, dispatch_deadline, resolve_deadline, created_at, updated_at)
         VALUES ('SC-' || lpad(nextval('incident_reference_seq')::text, 6, '0'), $1, $2, 'new', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         RETURNING id`,
        [
          incident.category,
          incident.priority,
          first.kind,
          incidentTitle(incident.category, first.description),
          first.description,
          incident.zone,
          first.lat,
          first.lon,
          lastReportedAt,
          deadlines.dispatchDeadline,
          deadlines.resolveDeadline,
          now,
        ],
      );
      if (!created) throw new Error('split incident insert returned no row');
      await manager.query(`UPDATE incident_sources SET incident_id = $1 WHERE id = ANY($2)`, [created.id, sourceIds]);
      await manager.query(
        `UPDATE incidents SET version = version + 1, updated_at = $2,
           last_reported_at = (SELECT max(received_at) FROM incident_sources WHERE incident_id = $1)
         WHERE id = $1`,
        [incidentId, now],
      );
      await this.audit.append(manager, [
        { incidentId, actor, at: now, action: 'split', details: { newIncidentId: created.id, sourceIds } },
        { incidentId: created.id, actor, at: now, action: 'split_from', toStatus: 'new', details: { from: incidentId, sourceIds } },
      ]);
      const original = await this.afterChange(manager, incidentId, viewer, 'split', incident.status, now);
      const newIncident = await this.loadVisible(manager, created.id, viewer);
      this.outbox.defer(manager, () =>
        this.events.created.next({ ...this.eventSubject(newIncident, now), source: newIncident.source }),
      );
      return { original, created: await this.detailOf(manager, newIncident, viewer) };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** The moves this viewer may make now: the workflow's, narrowed for responders and leaders. */
  allowedTransitions(incident: IncidentEntity, viewer: IncidentViewer): IncidentStatus[] {
    if (viewer.role === 'admin' || viewer.role === 'duty_officer') return [...INCIDENT_TRANSITIONS[incident.status]];
    if (viewer.role === 'responder' && incident.agencyId === viewer.agencyId) {
      const next = RESPONDER_TRANSITIONS[incident.status];
      return next ? [next] : [];
    }
    return [];
  }

  /** Another agency's incident does not exist, as far as a responder can tell. */
  private async loadVisible(manager: EntityManager, incidentId: string, viewer: IncidentViewer): Promise<IncidentEntity> {
    const incident = await manager.getRepository(IncidentEntity).findOneBy({ id: incidentId });
    if (!incident || (viewer.role === 'responder' && incident.agencyId !== viewer.agencyId)) throw this.notFound(incidentId);
    return incident;
  }

  private async assertVersion(manager: EntityManager, incident: IncidentEntity, expectedVersion: number, viewer: IncidentViewer): Promise<void> {
    if (incident.version !== expectedVersion) throw await this.versionConflict(manager, incident.id, viewer);
  }

  /** `UPDATE … WHERE id AND version`: of two officers saving the same version, exactly one wins. */
  private async updateVersioned(
    manager: EntityManager,
    incident: IncidentEntity,
    expectedVersion: number,
    changes: ColumnValues,
    now: Date,
    viewer: IncidentViewer,
  ): Promise<void> {
    const columns = Object.keys(changes);
    const assignments = columns.map((column, i) => `${column} = $${i + 4}`).join(', ');
    // Wrapped in a SELECT so both drivers answer with plain rows (see SlaMonitorService).
    const updated = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE incidents SET ${assignments}${assignments ? ', ' : ''}version = version + 1, updated_at = $3
         WHERE id = $1 AND version = $2 RETURNING id
       ) SELECT id FROM updated`,
      [incident.id, expectedVersion, now, ...columns.map((column) => changes[column])],
    );
    if (!updated.length) throw await this.versionConflict(manager, incident.id, viewer);
  }

  private async versionConflict(manager: EntityManager, incidentId: string, viewer: IncidentViewer): Promise<IncidentException> {
    const current = await this.detail(incidentId, viewer, manager);
    return new IncidentException(
      'INCIDENT_VERSION_CONFLICT',
      `Someone else changed this incident first (it is now at version ${current.version}); look at it again and retry.`,
      { current },
    );
  }

  private async afterChange(
    manager: EntityManager,
    incidentId: string,
    viewer: IncidentViewer,
    action: string,
    fromStatus: IncidentStatus,
    now: Date,
  ): Promise<IncidentDetail> {
    const incident = await this.loadVisible(manager, incidentId, { role: 'admin', agencyId: null });
    this.deferChanged(manager, incident, action, fromStatus, now);
    return this.detailOf(manager, incident, viewer);
  }

  private deferChanged(manager: EntityManager, incident: IncidentEntity, action: string, fromStatus: IncidentStatus, now: Date): void {
    const event = { ...this.eventSubject(incident, now), action, fromStatus };
    this.outbox.defer(manager, () => this.events.changed.next(event));
  }

  private eventSubject(incident: IncidentEntity, at: Date) {
    return {
      incidentId: incident.id,
      reference: incident.reference,
      category: incident.category,
      priority: incident.priority,
      status: incident.status,
      zone: incident.zone,
      agencyId: incident.agencyId,
      at,
    };
  }

  private async detailOf(manager: EntityManager, incident: IncidentEntity, viewer: IncidentViewer): Promise<IncidentDetail> {
    // One after another: inside a transaction they share one connection anyway.
    const sources = await manager.getRepository(IncidentSourceEntity).find({ where: { incidentId: incident.id }, order: { receivedAt: 'ASC', id: 'ASC' } });
    const agency = incident.agencyId ? await manager.getRepository(AgencyEntity).findOneBy({ id: incident.agencyId }) : null;
    const unit = incident.unitId ? await this.units.find(manager, incident.unitId) : null;
    const audit = await this.audit.history([incident.id], manager);
    return toIncidentDetail(incident, {
      sources,
      agency: agency ? toAgency(agency) : null,
      unit: unit ? toAgencyUnit(unit) : null,
      allowedTransitions: this.allowedTransitions(incident, viewer),
      audit,
    });
  }

  private async sourceCounts(incidentIds: string[]): Promise<Map<string, number>> {
    if (!incidentIds.length) return new Map();
    const rows = await this.dataSource.query<{ incident_id: string; count: number }[]>(
      `SELECT incident_id, count(*)::int AS count FROM incident_sources WHERE incident_id = ANY($1) GROUP BY incident_id`,
      [incidentIds],
    );
    return new Map(rows.map((row) => [row.incident_id, row.count]));
  }

  private notFound(incidentId: string): IncidentException {
    return new IncidentException('INCIDENT_NOT_FOUND', `There is no incident ${incidentId}.`);
  }

  private throwNotFound(incidentId: string): never {
    throw this.notFound(incidentId);
  }
}
