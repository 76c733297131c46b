import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FEED_DEFINITIONS, kpiDefinition, type AlertComparator, type BilingualText, type KpiId, type KpiValue } from '@mekong-ioc/shared';
import type { Subscription } from 'rxjs';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import type { DeviceEntity } from '../ingestion/device.entity';
import { ReadingsCommitted, type CommittedReadings } from '../ingestion/readings-committed.provider';
import type { ReadingRow } from '../ingestion/reading-writer.provider';
import { toVietnamIso } from '../simulator/vietnam-time.util';
import { AlertLifecycleService, SYSTEM_ACTOR } from './alert-lifecycle.service';
import { AlertRulesService } from './alert-rules.service';
import type { AlertRuleEntity } from './alert-rule.entity';
import type { AlertRow } from './alert.mapper';
import { AlertsService } from './alerts.service';
import { DeviceDirectory } from './device-directory.provider';
import {
  applyThresholdValue,
  clearLine,
  initialThresholdState,
  type ActiveLevel,
  type ThresholdLimits,
  type ThresholdState,
} from './threshold-tracker.util';

/** One value of one subject, as a threshold rule sees it. */
interface SubjectValue {
  rule: AlertRuleEntity;
  subjectKey: string;
  value: number;
  atMs: number;
  limits: ThresholdLimits;
  describe: (level: ActiveLevel, threshold: number) => { title: BilingualText; detail: BilingualText };
  place: { deviceId: string | null; kpiId: string | null; feed: DeviceEntity['feed'] | null; metric: string | null; lat: number | null; lon: number | null; zone: DeviceEntity['zone'] | null };
}

const LEVEL_LABEL: Record<ActiveLevel, BilingualText> = { warning: { vi: 'cảnh báo', en: 'warning' }, critical: { vi: 'nguy hiểm', en: 'critical' } };
const ALARM_LEVEL_NAME: Record<ActiveLevel, string> = { warning: 'II', critical: 'III' };

const deviceSubject = (ruleId: string, deviceId: string) => `rule:${ruleId}:device:${deviceId}`;
const kpiSubject = (ruleId: string, kpiId: string) => `rule:${ruleId}:kpi:${kpiId}`;
const number = (value: number): string => String(Number(value.toFixed(2)));
const localTime = (atMs: number): string => {
  const iso = toVietnamIso(atMs);
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
};
const comparatorWords = (comparator: AlertComparator) =>
  comparator === 'above' ? { vi: 'vượt', en: 'above', backVi: 'xuống dưới', backEn: 'falls below' } : { vi: 'dưới', en: 'below', backVi: 'lên trên', backEn: 'rises above' };

/**
 * Threshold rules, per device (on each batch of committed readings, the newest value per device and
 * metric) and per KPI (`evaluateKpis`, from the KPI engine's values). Each subject has a tracker
 * (threshold-tracker.util) that raises after `forSeconds`, escalates, and clears only past the
 * hysteresis band. Batches are handled one after the other, so a subject's values apply in order.
 */
@Injectable()
export class ThresholdAlertsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ThresholdAlertsService.name);
  private readonly trackers = new Map<string, ThresholdState>();
  /** Level of each subject's active alert as the database had it when its tracker was made. */
  private activeLevels = new Map<string, ActiveLevel>();
  private subscription: Subscription | null = null;
  private unsubscribeRules: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly committed: ReadingsCommitted,
    private readonly rules: AlertRulesService,
    private readonly lifecycle: AlertLifecycleService,
    private readonly alerts: AlertsService,
    private readonly devices: DeviceDirectory,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadActiveLevels().catch((error: unknown) => this.logger.warn(`active alerts not loaded: ${String(error)}`));
    // Numbers changed: what was tracked under the old ones no longer holds.
    this.unsubscribeRules = this.rules.onChange(() => {
      this.enqueue(async () => {
        this.trackers.clear();
        await this.loadActiveLevels();
      });
    });
    this.subscription = this.committed.stream.subscribe((batch) => {
      if (!this.rules.enabled().some((rule) => rule.target.kind === 'device' && rule.target.feed === batch.feed)) return;
      this.enqueue(() => this.evaluateReadings(batch));
    });
  }

  /** Lets the batches already received finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.unsubscribeRules?.();
    await this.chain;
  }

  /** Resolves once everything received so far has been evaluated (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Applies KPI values to the KPI rules. */
  evaluateKpis(values: readonly KpiValue[]): Promise<void> {
    return this.enqueue(async () => {
      const byId = new Map(values.map((value) => [value.id, value]));
      const subjects: SubjectValue[] = [];
      for (const rule of this.rules.enabled()) {
        if (rule.target.kind !== 'kpi') continue;
        const kpi = byId.get(rule.target.kpiId as KpiId);
        if (!kpi || kpi.value === null) continue;
        const definition = kpiDefinition(kpi.id);
        const unit = kpi.unit ? ` ${kpi.unit}` : '';
        const limits = this.limitsOf(rule, null);
        if (!limits) continue;
        subjects.push({
          rule,
          subjectKey: kpiSubject(rule.id, kpi.id),
          value: kpi.value,
          atMs: Date.parse(kpi.asOf ?? kpi.computedAt),
          limits,
          describe: (level, threshold) => this.describe(rule, { vi: definition.label.vi, en: definition.label.en }, unit, kpi.value ?? 0, threshold, level, Date.parse(kpi.computedAt), limits),
          place: { deviceId: null, kpiId: kpi.id, feed: null, metric: null, lat: null, lon: null, zone: null },
        });
      }
      await this.applyAll(subjects);
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((error: unknown) => this.logger.error(`alert evaluation failed: ${error instanceof Error ? error.message : String(error)}`));
    this.chain = next;
    return next;
  }

  private async evaluateReadings(batch: CommittedReadings): Promise<void> {
    if (this.stopped) return;
    const rules = this.rules.enabled().filter((rule) => rule.target.kind === 'device' && rule.target.feed === batch.feed);
    const metrics = new Set(rules.map((rule) => (rule.target.kind === 'device' ? rule.target.metric : '')));
    // The newest value per device and metric is all a threshold needs.
    const newest = new Map<string, ReadingRow>();
    for (const row of batch.rows) {
      if (!metrics.has(row.metric)) continue;
      const key = `${row.deviceId}\u0000${row.metric}`;
      const seen = newest.get(key);
      if (!seen || row.observedAt > seen.observedAt) newest.set(key, row);
    }
    if (newest.size === 0) return;
    const devices = await this.devices.lookup([...new Set([...newest.values()].map((row) => row.deviceId))]);
    const metricDefinitions: Record<string, { unit: string; labelVi: string; labelEn: string }> = FEED_DEFINITIONS[batch.feed].metrics;
    const subjects: SubjectValue[] = [];
    for (const row of newest.values()) {
      const device = devices.get(row.deviceId);
      const metric = metricDefinitions[row.metric];
      if (!device || !metric) continue;
      for (const rule of rules) {
        if (rule.target.kind !== 'device' || rule.target.metric !== row.metric) continue;
        if (rule.target.deviceId && rule.target.deviceId !== row.deviceId) continue;
        const limits = this.limitsOf(rule, device);
        if (!limits) continue;
        const alarmLevels = rule.target.thresholdsFromDevice && device.thresholds[row.metric]?.alarmLevels !== undefined;
        const label = { vi: metric.labelVi, en: metric.labelEn };
        subjects.push({
          rule,
          subjectKey: deviceSubject(rule.id, device.id),
          value: row.value,
          atMs: row.observedAt.getTime(),
          limits,
          describe: (level, threshold) => {
            const text = this.describe(rule, label, metric.unit ? ` ${metric.unit}` : '', row.value, threshold, level, row.observedAt.getTime(), limits);
            const head = alarmLevels
              ? { vi: `${label.vi} vượt báo động ${ALARM_LEVEL_NAME[level]}`, en: `${label.en} above alarm level ${ALARM_LEVEL_NAME[level]}` }
              : text.title;
            return { title: { vi: `${head.vi} – ${device.nameVi}`, en: `${head.en} – ${device.nameEn}` }, detail: text.detail };
          },
          place: { deviceId: device.id, kpiId: null, feed: device.feed, metric: row.metric, lat: device.lat, lon: device.lon, zone: device.zone },
        });
      }
    }
    await this.applyAll(subjects);
  }

  /**
   * The rule's numbers for this device: its own, or (thresholdsFromDevice) the registry's, where
   * alarm levels II and III are warning and critical. Null when there is nothing to compare with.
   */
  private limitsOf(rule: AlertRuleEntity, device: DeviceEntity | null): ThresholdLimits | null {
    let warning = rule.warning;
    let critical = rule.critical;
    if (rule.target.kind === 'device' && rule.target.thresholdsFromDevice && device) {
      const own = device.thresholds[rule.target.metric];
      warning = own?.alarmLevels?.[1] ?? own?.warning ?? null;
      critical = own?.alarmLevels?.[2] ?? own?.critical ?? null;
    }
    if (warning === null && critical === null) return null;
    return { comparator: rule.comparator, warning, critical, hysteresis: rule.hysteresis, forSeconds: rule.forSeconds };
  }

  private describe(
    rule: AlertRuleEntity,
    label: BilingualText,
    unit: string,
    value: number,
    threshold: number,
    level: ActiveLevel,
    atMs: number,
    limits: ThresholdLimits,
  ): { title: BilingualText; detail: BilingualText } {
    const words = comparatorWords(rule.comparator);
    const clear = clearLine(limits) ?? threshold;
    return {
      title: {
        vi: `${label.vi} ${words.vi} ngưỡng ${LEVEL_LABEL[level].vi}`,
        en: `${label.en} ${words.en} ${LEVEL_LABEL[level].en} threshold`,
      },
      detail: {
        vi: `Đo được ${number(value)}${unit} lúc ${localTime(atMs)}, ngưỡng ${LEVEL_LABEL[level].vi} ${number(threshold)}${unit}. Cảnh báo tự hết khi giá trị ${words.backVi} ${number(clear)}${unit}.`,
        en: `${number(value)}${unit} measured at ${localTime(atMs)}, ${LEVEL_LABEL[level].en} threshold ${number(threshold)}${unit}. The alert clears when the value ${words.backEn} ${number(clear)}${unit}.`,
      },
    };
  }

  private async applyAll(subjects: SubjectValue[]): Promise<void> {
    for (const subject of subjects) {
      const state = this.trackers.get(subject.subjectKey) ?? initialThresholdState(this.activeLevels.get(subject.subjectKey) ?? null);
      const { state: next, decision } = applyThresholdValue(state, subject.limits, subject.value, subject.atMs);
      this.trackers.set(subject.subjectKey, next);
      if (decision.action === 'none') continue;
      if (decision.action === 'clear') {
        await this.lifecycle.clear([subject.subjectKey], `back past ${number(clearLine(subject.limits) ?? subject.value)}`);
        continue;
      }
      const text = subject.describe(decision.level, decision.threshold);
      const change = { severity: decision.level, title: text.title, detail: text.detail, value: subject.value, threshold: decision.threshold };
      const alert =
        decision.action === 'raise'
          ? await this.lifecycle.raise({ subjectKey: subject.subjectKey, ruleId: subject.rule.id, kind: 'threshold', ...change, ...subject.place })
          : await this.lifecycle.escalate(subject.subjectKey, change);
      if (alert && decision.level === 'critical' && subject.rule.openIncident && subject.place.lat !== null) await this.openIncident(alert.id);
    }
  }

  /** A rule with `openIncident` opens (or joins) an incident once its alert is critical. */
  private async openIncident(alertId: string): Promise<void> {
    try {
      await this.alerts.openIncident(alertId, { ...SYSTEM_ACTOR, role: 'system', requestId: null });
    } catch (error) {
      this.logger.warn(`alert ${alertId} did not open an incident: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async loadActiveLevels(): Promise<void> {
    const rows = await this.transactions.run((manager) =>
      manager.query<Pick<AlertRow, 'subject_key' | 'severity'>[]>(`SELECT subject_key, severity FROM alerts WHERE state <> 'cleared' AND kind = 'threshold'`),
    );
    this.activeLevels = new Map(rows.filter((row) => row.severity !== 'info').map((row) => [row.subject_key, row.severity as ActiveLevel]));
  }
}
