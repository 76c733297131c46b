import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, EntityManager, In, Repository } from 'typeorm';
import { TRACKING_CODE_PATTERN, type ReportCategory, type TrackingView } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { IncidentIntakeService, type AuditActor } from '../incidents/incident-intake.service';
import { IncidentsService, type PublicIncidentState } from '../incidents/incidents.service';
import { PhotoService, type StoredPhoto } from '../media/photo.service';
import { CitizenReportEntity, type ReportChannel } from './citizen-report.entity';
import { receivedState, toTrackingView, type ReportLocale } from './citizen-report.mapper';
import { CitizenReportsException } from './citizen-reports.exception';
import { IdempotencyService, type IdempotencyClaim, type StoredAnswer } from './idempotency.service';
import { newTrackingCode, normaliseTrackingCode } from './tracking-code.util';

/** The reporter's private details: stored, never shown, never logged. */
export interface ReporterContact {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  deviceId?: string;
  accountId?: string;
}

export interface NewCitizenReport {
  channel: ReportChannel;
  category: ReportCategory;
  description: string;
  lat: number;
  lon: number;
  /** Only an address was given; lat/lon are the city centre. */
  locationApproximate: boolean;
  address: string | null;
  externalMediaUrl: string | null;
  contact: ReporterContact;
  locale: ReportLocale;
  apiKeyId: string | null;
  /** Who the audit trail names: the channel and client application, never the citizen. */
  actorLabel: string;
  requestId: string | null;
}

/** What the POST answers are made from. */
export interface FiledReport {
  id: string;
  serviceRequestId: string;
  trackingCode: string;
  photoCount: number;
}

export interface SubmitOptions {
  idempotency: IdempotencyClaim | null;
  /** Turns the filed report into the HTTP answer, which is kept for retries with the same key. */
  answer: (report: FiledReport) => StoredAnswer;
}

export interface ReportSearch {
  from: Date;
  to: Date;
  categories: ReportCategory[] | null;
}

/** Files citizen reports, each feeding an incident, and shows them as their incidents stand. */
@Injectable()
export class CitizenReportsService {
  constructor(
    @InjectRepository(CitizenReportEntity) private readonly reports: Repository<CitizenReportEntity>,
    private readonly transactions: TransactionRunner,
    private readonly intake: IncidentIntakeService,
    private readonly incidents: IncidentsService,
    private readonly photos: PhotoService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the report, gives it its photos and hands it to incident intake (which opens an
   * incident or joins a near open one), all in one transaction. With an idempotency key, a retry
   * gets the first answer instead and its photos are dropped.
   */
  async submit(report: NewCitizenReport, photos: StoredPhoto[], options: SubmitOptions): Promise<StoredAnswer & { replayed: boolean }> {
    const photoIds = photos.map((photo) => photo.id);
    let result: StoredAnswer & { replayed: boolean };
    try {
      result = await this.transactions.run(async (manager) => {
        if (options.idempotency) {
          const earlier = await this.idempotency.claim(manager, options.idempotency);
          if (earlier) return { ...earlier, replayed: true };
        }
        const filed = await this.file(manager, report, photos);
        const answer = options.answer(filed);
        if (options.idempotency) await this.idempotency.record(manager, options.idempotency, answer);
        return { ...answer, replayed: false };
      });
    } catch (error) {
      await this.photos.discard(photoIds);
      throw error;
    }
    if (result.replayed) await this.photos.discard(photoIds);
    return result;
  }

  async findByTrackingCode(typed: string): Promise<CitizenReportEntity | null> {
    const code = normaliseTrackingCode(typed);
    return TRACKING_CODE_PATTERN.test(code) ? this.reports.findOneBy({ trackingCode: code }) : null;
  }

  findByServiceRequestIds(ids: string[]): Promise<CitizenReportEntity[]> {
    return this.reports.find({ where: { serviceRequestId: In(ids) }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Newest first, a page at a time: callers filtering by incident status read on until they have enough. */
  searchPage(search: ReportSearch, offset: number, limit: number): Promise<CitizenReportEntity[]> {
    return this.reports.find({
      where: { createdAt: Between(search.from, search.to), ...(search.categories && { category: In(search.categories) }) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  /** Each report's incident as the public may see it; a report whose incident has none yet shows as received. */
  async publicStates(reports: CitizenReportEntity[]): Promise<Map<string, PublicIncidentState>> {
    // Where the report's source is now: an officer may have split it off into another incident.
    const holding = await this.incidents.incidentsHoldingSources('citizen_report', reports.map((report) => report.id));
    const incidentOf = (report: CitizenReportEntity) => holding.get(report.id) ?? report.incidentId;
    const incidentIds = [...new Set(reports.flatMap((report) => incidentOf(report) ?? []))];
    const states = incidentIds.length ? await this.incidents.publicStates(incidentIds) : new Map<string, PublicIncidentState>();
    return new Map(
      reports.map((report) => {
        const incidentId = incidentOf(report);
        return [report.id, (incidentId && states.get(incidentId)) || receivedState(report)];
      }),
    );
  }

  async trackingView(typedCode: string, locale: ReportLocale | null): Promise<TrackingView> {
    const report = await this.findByTrackingCode(typedCode);
    if (!report) throw new CitizenReportsException('TRACKING_CODE_NOT_FOUND', 'No report has this tracking code.');
    const [states, photos] = await Promise.all([this.publicStates([report]), this.photos.listFor({ kind: 'citizen_report', id: report.id })]);
    return toTrackingView(report, states.get(report.id) ?? receivedState(report), photos, locale ?? report.locale);
  }

  private async file(manager: EntityManager, report: NewCitizenReport, photos: StoredPhoto[]): Promise<FiledReport> {
    const repository = manager.getRepository(CitizenReportEntity);
    const id = randomUUID();
    const receivedAt = this.clock.now();
    await withoutRowValues(repository.insert({
      id,
      trackingCode: newTrackingCode(),
      channel: report.channel,
      category: report.category,
      description: report.description,
      lat: report.lat,
      lon: report.lon,
      locationApproximate: report.locationApproximate,
      address: report.address,
      mediaPath: photos[0]?.url ?? null,
      photoCount: photos.length,
      externalMediaUrl: report.externalMediaUrl,
      contactFirstName: report.contact.firstName ?? null,
      contactLastName: report.contact.lastName ?? null,
      contactEmail: report.contact.email ?? null,
      contactPhone: report.contact.phone ?? null,
      contactDeviceId: report.contact.deviceId ?? null,
      contactAccountId: report.contact.accountId ?? null,
      locale: report.locale,
      incidentId: null,
      apiKeyId: report.apiKeyId,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    }));
    const photoIds = photos.map((photo) => photo.id);
    await this.photos.attach(manager, photoIds, { kind: 'citizen_report', id });
    const actor: AuditActor = { userId: null, role: 'citizen', label: report.actorLabel, requestId: report.requestId };
    const { incidentId } = await this.intake.intake(manager, {
      source: 'citizen_report',
      category: report.category,
      lat: report.lat,
      lon: report.lon,
      locationApproximate: report.locationApproximate,
      receivedAt,
      description: report.description,
      photoIds,
      sourceRef: id,
      actor,
    });
    await repository.update({ id }, { incidentId });
    const stored = await repository.findOneOrFail({ where: { id }, select: { id: true, serviceRequestId: true, trackingCode: true } });
    return { id, serviceRequestId: stored.serviceRequestId, trackingCode: stored.trackingCode, photoCount: photos.length };
  }
}

/**
 * A failed insert's error carries the statement's parameters (TypeORM) and the failing row
 * (PostgreSQL's detail), both holding the reporter's contact details; the error logger would write
 * them out. Only the SQLSTATE goes on.
 */
async function withoutRowValues<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const sqlState = (error as { code?: unknown }).code;
    throw new Error(`storing a citizen report failed (SQLSTATE ${typeof sqlState === 'string' ? sqlState : 'unknown'})`);
  }
}
