import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AlertRule, UpsertAlertRuleRequest } from '@mekong-ioc/shared';
import { Repository } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { AlertLifecycleService } from './alert-lifecycle.service';
import { AlertRuleEntity } from './alert-rule.entity';
import { AlertException } from './alert.exception';
import { toAlertRule } from './alert.mapper';

/** Rules changed on another instance are picked up within this long. */
const REFRESH_INTERVAL_MS = 30_000;

/**
 * Alert rules are data: admins edit them over the API. Evaluators read the enabled ones from
 * memory (refreshed every 30 s and at once after a change made here) and hear of each change, so
 * they can forget what they tracked under the old numbers.
 */
@Injectable()
export class AlertRulesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertRulesService.name);
  private enabledRules: AlertRuleEntity[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(rules: readonly AlertRuleEntity[]) => void>();

  constructor(
    @InjectRepository(AlertRuleEntity) private readonly rules: Repository<AlertRuleEntity>,
    private readonly lifecycle: AlertLifecycleService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload().catch((error: unknown) => this.logger.warn(`alert rules not loaded yet: ${String(error)}`));
    this.timer = setInterval(() => void this.reload().catch(() => undefined), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The enabled rules as last loaded. */
  enabled(): readonly AlertRuleEntity[] {
    return this.enabledRules;
  }

  /** Called with the enabled rules after every reload. */
  onChange(listener: (rules: readonly AlertRuleEntity[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async reload(): Promise<void> {
    this.enabledRules = await this.rules.find({ where: { enabled: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const listener of this.listeners) listener(this.enabledRules);
  }

  async list(): Promise<AlertRule[]> {
    return (await this.rules.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(toAlertRule);
  }

  async create(request: UpsertAlertRuleRequest, seedKey: string | null = null): Promise<AlertRule> {
    const now = this.clock.now();
    const saved = await this.rules.save(this.rules.create({ ...this.columnsOf(request), seedKey, createdAt: now, updatedAt: now }));
    await this.reload();
    return toAlertRule(saved);
  }

  /**
   * Replaces a rule. Its active alerts are cleared: they were raised under numbers that no longer
   * hold, and the rule raises them again at once if the new numbers are still crossed.
   */
  async update(id: string, request: UpsertAlertRuleRequest): Promise<AlertRule> {
    const existing = await this.rules.findOneBy({ id });
    if (!existing) throw new AlertException('ALERT_RULE_NOT_FOUND', `No alert rule has the id ${id}.`);
    await this.lifecycle.clearWhere('a.rule_id = $1', [id], 'rule changed');
    const saved = await this.rules.save({ ...existing, ...this.columnsOf(request), updatedAt: this.clock.now() });
    await this.reload();
    return toAlertRule(saved);
  }

  /** Deletes a rule; its active alerts clear first (history keeps them, with the rule id emptied). */
  async remove(id: string): Promise<void> {
    const existing = await this.rules.findOneBy({ id });
    if (!existing) throw new AlertException('ALERT_RULE_NOT_FOUND', `No alert rule has the id ${id}.`);
    await this.lifecycle.clearWhere('a.rule_id = $1', [id], 'rule deleted');
    await this.rules.delete({ id });
    await this.reload();
  }

  /** Creates the rules with these seed keys that do not exist yet (demo mode); never changes an existing one. */
  async ensureSeeded(seeds: readonly { seedKey: string; rule: UpsertAlertRuleRequest }[]): Promise<number> {
    const existing = new Set((await this.rules.find({ select: { seedKey: true } })).map((rule) => rule.seedKey));
    const missing = seeds.filter((seed) => !existing.has(seed.seedKey));
    const now = this.clock.now();
    for (const seed of missing) {
      await this.rules
        .createQueryBuilder()
        .insert()
        .values({ ...this.columnsOf(seed.rule), seedKey: seed.seedKey, createdAt: now, updatedAt: now })
        .orIgnore()
        .execute();
    }
    if (missing.length > 0) await this.reload();
    return missing.length;
  }

  private columnsOf(request: UpsertAlertRuleRequest): Omit<AlertRuleEntity, 'id' | 'seedKey' | 'createdAt' | 'updatedAt'> {
    return {
      nameVi: request.name.vi,
      nameEn: request.name.en,
      target: request.target,
      comparator: request.comparator,
      warning: request.warning,
      critical: request.critical,
      hysteresis: request.hysteresis,
      forSeconds: request.forSeconds,
      enabled: request.enabled,
      openIncident: request.openIncident,
      incidentCategory: request.incidentCategory ?? null,
    };
  }
}
