import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FEED_DEFINITIONS, type Alert, type BilingualText, type FeedId } from '@mekong-ioc/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import type { DeviceEntity } from '../ingestion/device.entity';
import { PublisherElection } from '../realtime/publisher-election.service';
import { toVietnamIso } from '../simulator/vietnam-time.util';
import { AlertLifecycleService } from './alert-lifecycle.service';
import { AlertRulesService } from './alert-rules.service';
import type { AlertRuleEntity } from './alert-rule.entity';
import { DeviceDirectory } from './device-directory.provider';

/**
 * A device not heard from in this long is not "gone silent" but never commissioned (or long dead,
 * and alerted then): the check looks no further back, so a registry full of devices that have
 * never reported does not raise hundreds of alerts.
 */
const LOOKBACK_MS = 24 * 3_600_000;

const localTime = (at: Date): string => {
  const iso = toVietnamIso(at.getTime());
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
};
const minutes = (ms: number): string => String(Math.max(1, Math.round(ms / 60_000)));

interface Silence {
  subjectKey: string;
  stale: boolean;
  newest: Date;
  limitMs: number;
  device: DeviceEntity | null;
  feed: FeedId;
}

/**
 * No-data rules: a device (or a whole feed) silent for longer than its expected interval times the
 * rule's factor raises a stale alert, which clears when data comes back. Checked periodically by
 * the elected publisher only, so several instances do not race each other over the same devices.
 */
@Injectable()
export class NoDataMonitorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoDataMonitorService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rules: AlertRulesService,
    private readonly lifecycle: AlertLifecycleService,
    private readonly devices: DeviceDirectory,
    private readonly election: PublisherElection,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.alerts.checkIntervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      if (!this.election.isLeader()) return;
      this.running = this.checkNow().catch((error: unknown) => this.logger.warn(`no-data check failed: ${String(error)}`));
    }, interval);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Checks every no-data rule now; returns the alerts it raised. */
  async checkNow(): Promise<Alert[]> {
    const raised: Alert[] = [];
    for (const rule of this.rules.enabled()) {
      if (rule.target.kind !== 'no_data') continue;
      const silences = await this.silencesOf(rule, rule.target.feed, rule.target.deviceId ?? null, rule.target.factor, rule.target.wholeFeed === true);
      const backOnline = silences.filter((silence) => !silence.stale).map((silence) => silence.subjectKey);
      if (backOnline.length > 0) await this.lifecycle.clear(backOnline, 'data is arriving again');
      for (const silence of silences.filter((s) => s.stale)) {
        const alert = await this.lifecycle.raise({
          subjectKey: silence.subjectKey,
          ruleId: rule.id,
          kind: 'no_data',
          severity: rule.critical !== null ? 'critical' : 'warning',
          ...this.textOf(rule, silence),
          deviceId: silence.device?.id ?? null,
          feed: silence.feed,
          lat: silence.device?.lat ?? null,
          lon: silence.device?.lon ?? null,
          zone: silence.device?.zone ?? null,
          value: Math.round((this.clock.now().getTime() - silence.newest.getTime()) / 1000),
          threshold: Math.round(silence.limitMs / 1000),
        });
        if (alert) raised.push(alert);
      }
    }
    return raised;
  }

  private async silencesOf(rule: AlertRuleEntity, feed: FeedId, deviceId: string | null, factor: number, wholeFeed: boolean): Promise<Silence[]> {
    const now = this.clock.now();
    const devices = (await this.devices.activeOf(feed)).filter((device) => deviceId === null || device.id === deviceId);
    if (devices.length === 0) return [];
    const rows = await this.dataSource.query<{ device_id: string; newest: Date }[]>(
      `SELECT device_id, max(last_observed_at) AS newest FROM reading_rollups_1m
       WHERE device_id = ANY($1) AND bucket >= $2 GROUP BY device_id`,
      [devices.map((device) => device.id), new Date(now.getTime() - LOOKBACK_MS)],
    );
    const newest = new Map(rows.map((row) => [row.device_id, new Date(row.newest)]));
    if (wholeFeed) {
      const times = [...newest.values()].map((time) => time.getTime());
      if (times.length === 0) return [];
      const limitMs = Math.min(...devices.map((device) => device.expectedIntervalSeconds)) * factor * 1000;
      const last = new Date(Math.max(...times));
      return [{ subjectKey: `rule:${rule.id}:feed:${feed}`, stale: now.getTime() - last.getTime() > limitMs, newest: last, limitMs, device: null, feed }];
    }
    return devices.flatMap((device) => {
      const last = newest.get(device.id);
      if (!last) return [];
      const limitMs = device.expectedIntervalSeconds * factor * 1000;
      return [{ subjectKey: `rule:${rule.id}:device:${device.id}`, stale: now.getTime() - last.getTime() > limitMs, newest: last, limitMs, device, feed }];
    });
  }

  private textOf(rule: AlertRuleEntity, silence: Silence): { title: BilingualText; detail: BilingualText } {
    const feed = FEED_DEFINITIONS[silence.feed];
    const silentFor = minutes(this.clock.now().getTime() - silence.newest.getTime());
    const expected = minutes(silence.limitMs);
    if (!silence.device) {
      return {
        title: { vi: `Mất dữ liệu: luồng ${feed.labelVi}`, en: `No data: ${feed.labelEn} feed` },
        detail: {
          vi: `Không thiết bị nào của luồng ${feed.labelVi} gửi dữ liệu từ ${localTime(silence.newest)} (${silentFor} phút; giới hạn ${expected} phút).`,
          en: `No device of the ${feed.labelEn} feed has reported since ${localTime(silence.newest)} (${silentFor} min; limit ${expected} min).`,
        },
      };
    }
    return {
      title: { vi: `Mất tín hiệu – ${silence.device.nameVi}`, en: `Device silent – ${silence.device.nameEn}` },
      detail: {
        vi: `${rule.nameVi}: thiết bị ${silence.device.id} không gửi dữ liệu từ ${localTime(silence.newest)} (${silentFor} phút; giới hạn ${expected} phút).`,
        en: `${rule.nameEn}: device ${silence.device.id} has not reported since ${localTime(silence.newest)} (${silentFor} min; limit ${expected} min).`,
      },
    };
  }
}
