import { XMLBuilder } from 'fast-xml-parser';
import { CAP_NAMESPACE, FEED_DEFINITIONS, MY_THO_BOUNDS, ZONE_LABELS, type Alert, type AlertSeverity, type FeedId } from '@mekong-ioc/shared';
import { toVietnamIsoSeconds } from '../../simulator/vietnam-time.util';

/** What a CAP message says of an alert: the alert without its internal parts, plus what it measured. */
export interface CapAlertInput {
  alert: Alert;
  feed: FeedId | null;
  metric: string | null;
}

export interface CapContext {
  /** CAP `sender`: who issues the messages (no spaces, commas or `<&`). */
  sender: string;
  /** CAP `senderName`, per language. */
  senderName: { vi: string; en: string };
  /** Absolute base of the API, for links in the feed (`https://ioc.example.vn/api`). */
  apiBaseUrl: string;
}

type CapCategory = 'Geo' | 'Met' | 'Safety' | 'Security' | 'Rescue' | 'Fire' | 'Health' | 'Env' | 'Transport' | 'Infra' | 'CBRNE' | 'Other';
type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past';
type CapMsgType = 'Alert' | 'Update' | 'Cancel';

const SEVERITY: Record<AlertSeverity, CapSeverity> = { critical: 'Severe', warning: 'Moderate', info: 'Minor' };
const URGENCY: Record<AlertSeverity, CapUrgency> = { critical: 'Immediate', warning: 'Expected', info: 'Future' };

/** Weather and water are Met (hydro-meteorological, as national services file floods); air, salt and noise are Env. */
const METRIC_CATEGORY: Record<string, CapCategory> = {
  water_level: 'Met',
  rainfall: 'Met',
  temperature: 'Met',
  humidity: 'Met',
  pm25: 'Env',
  pm10: 'Env',
  co: 'Env',
  no2: 'Env',
  o3: 'Env',
  salinity: 'Env',
  noise: 'Env',
  smoke_fire: 'Fire',
  crowd: 'Safety',
};
const FEED_CATEGORY: Partial<Record<FeedId, CapCategory>> = { traffic: 'Transport', environment: 'Env', camera: 'Infra', wifi: 'Infra' };

/** A point alert covers about a kilometre around its station: the area a ward would warn. */
const POINT_RADIUS_KM = 1;

function categoryOf({ alert, feed, metric }: CapAlertInput): CapCategory {
  if (alert.kind === 'sla_breach') return 'Safety';
  if (alert.kind === 'no_data') return 'Infra';
  if (metric && METRIC_CATEGORY[metric]) return METRIC_CATEGORY[metric];
  if (feed && FEED_CATEGORY[feed]) return FEED_CATEGORY[feed];
  if (alert.kpiId?.startsWith('environment.')) return 'Env';
  if (alert.kpiId?.startsWith('traffic.')) return 'Transport';
  return 'Other';
}

function eventOf({ alert, feed, metric }: CapAlertInput, language: 'vi' | 'en'): string {
  if (alert.kind === 'no_data') return language === 'vi' ? 'Mất dữ liệu thiết bị' : 'Device data outage';
  if (alert.kind === 'sla_breach') return language === 'vi' ? 'Sự cố quá hạn xử lý' : 'Incident past its deadline';
  const metrics: Record<string, { labelVi: string; labelEn: string }> | null = feed ? FEED_DEFINITIONS[feed].metrics : null;
  const label = metric && metrics ? metrics[metric] : undefined;
  if (label) return language === 'vi' ? `${label.labelVi} vượt ngưỡng` : `${label.labelEn} past its threshold`;
  return alert.title[language];
}

function msgTypeOf(alert: Alert): CapMsgType {
  if (alert.state === 'cleared') return 'Cancel';
  return alert.updatedAt === alert.raisedAt ? 'Alert' : 'Update';
}

const capTime = (iso: string): string => toVietnamIsoSeconds(Date.parse(iso));
const coordinate = (value: number): string => value.toFixed(5);

/** The identifier of the alert's first message; later messages refer back to it. */
const firstIdentifier = (alert: Alert): string => `mekong-ioc.alert.${alert.id}`;

function identifierOf(alert: Alert): string {
  return msgTypeOf(alert) === 'Alert' ? firstIdentifier(alert) : `${firstIdentifier(alert)}.${Date.parse(alert.updatedAt)}`;
}

function areaOf(alert: Alert, language: 'vi' | 'en'): Record<string, string> {
  const city = language === 'vi' ? 'Thành phố Mỹ Tho, Tiền Giang' : 'My Tho City, Tien Giang';
  const areaDesc = alert.zone ? `${ZONE_LABELS[alert.zone][language]}, ${city}` : city;
  if (alert.lat !== null && alert.lon !== null) {
    return { areaDesc, circle: `${coordinate(alert.lat)},${coordinate(alert.lon)} ${POINT_RADIUS_KM.toFixed(1)}` };
  }
  // No point (a city-wide KPI, a whole feed): the city's box, closed as CAP wants (first = last).
  const { south, west, north, east } = MY_THO_BOUNDS;
  const ring = [[south, west], [south, east], [north, east], [north, west], [south, west]] as const;
  return { areaDesc, polygon: ring.map(([lat, lon]) => `${coordinate(lat)},${coordinate(lon)}`).join(' ') };
}

function infoOf(input: CapAlertInput, language: 'vi' | 'en', context: CapContext): Record<string, unknown> {
  const { alert } = input;
  const cleared = alert.state === 'cleared';
  const parameters =
    alert.value !== null
      ? [
          { valueName: 'value', value: String(alert.value) },
          ...(alert.threshold !== null ? [{ valueName: 'threshold', value: String(alert.threshold) }] : []),
        ]
      : [];
  // Element order is the schema's sequence.
  return {
    language: language === 'vi' ? 'vi-VN' : 'en-US',
    category: categoryOf(input),
    event: eventOf(input, language),
    responseType: cleared ? 'AllClear' : 'Monitor',
    urgency: cleared ? 'Past' : URGENCY[alert.severity],
    severity: SEVERITY[alert.severity],
    certainty: alert.kind === 'no_data' ? 'Likely' : 'Observed',
    onset: capTime(alert.raisedAt),
    ...(alert.clearedAt !== null && { expires: capTime(alert.clearedAt) }),
    senderName: context.senderName[language],
    headline: alert.title[language],
    description: alert.detail[language],
    web: `${context.apiBaseUrl}/alerts/${alert.id}.cap`,
    ...(parameters.length > 0 && { parameter: parameters }),
    area: areaOf(alert, language),
  };
}

function alertElementOf(input: CapAlertInput, context: CapContext): Record<string, unknown> {
  const { alert } = input;
  const msgType = msgTypeOf(alert);
  return {
    '@_xmlns': CAP_NAMESPACE,
    identifier: identifierOf(alert),
    sender: context.sender,
    sent: capTime(alert.updatedAt),
    status: 'Actual',
    msgType,
    scope: 'Public',
    ...(msgType !== 'Alert' && { references: `${context.sender},${firstIdentifier(alert)},${capTime(alert.raisedAt)}` }),
    info: [infoOf(input, 'vi', context), infoOf(input, 'en', context)],
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true, suppressEmptyNode: false });
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// Characters XML 1.0 cannot carry at all, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlSafe = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(NOT_XML, '') as T;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)])) as T;
  return value;
};

/** One CAP 1.2 `<alert>` with a `vi-VN` and an `en-US` `<info>`, valid against the OASIS schema. */
export function buildCapAlert(input: CapAlertInput, context: CapContext): string {
  return XML_DECLARATION + builder.build(xmlSafe({ alert: alertElementOf(input, context) }));
}

/**
 * An Atom feed of CAP messages, the way weather services publish them: one entry per alert, its
 * CAP `<alert>` inline as the entry's content and linked as `.cap`.
 */
export function buildCapAtomFeed(inputs: CapAlertInput[], context: CapContext, now: Date): string {
  const updated = inputs.reduce((newest, { alert }) => (alert.updatedAt > newest ? alert.updatedAt : newest), now.toISOString());
  const feed = {
    '@_xmlns': 'http://www.w3.org/2005/Atom',
    id: `urn:${context.sender}:alerts`,
    title: 'Cảnh báo – Trung tâm Giám sát, điều hành đô thị thông minh Mỹ Tho / My Tho IOC alerts',
    updated: capTime(updated),
    author: { name: context.senderName.vi },
    link: { '@_rel': 'self', '@_href': `${context.apiBaseUrl}/alerts.cap`, '@_type': 'application/atom+xml' },
    entry: inputs.map((input) => ({
      id: `urn:uuid:${input.alert.id}`,
      title: input.alert.title.vi,
      updated: capTime(input.alert.updatedAt),
      link: { '@_rel': 'alternate', '@_href': `${context.apiBaseUrl}/alerts/${input.alert.id}.cap`, '@_type': 'application/cap+xml' },
      summary: input.alert.title.en,
      content: { '@_type': 'application/cap+xml', alert: alertElementOf(input, context) },
    })),
  };
  return XML_DECLARATION + builder.build(xmlSafe({ feed }));
}
