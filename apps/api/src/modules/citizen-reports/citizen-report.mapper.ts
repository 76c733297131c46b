import {
  INCIDENT_STATUS_LABELS,
  isOpenIncident,
  REPORT_CATEGORIES,
  REPORT_CATEGORY_DEFINITIONS,
  type Open311Note,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  type ReportCategory,
  type TrackingView,
} from '@mekong-ioc/shared';
import type { PublicIncidentState } from '../incidents/incidents.service';
import type { StoredPhoto } from '../media/photo.service';
import { toVietnamIsoSeconds } from '../simulator/vietnam-time.util';
import type { CitizenReportEntity } from './citizen-report.entity';

export type ReportLocale = 'vi' | 'en';

/** Mỹ Tho keeps UTC+7 all year; Open311 times carry that offset, as the city's clocks read. */
export const toCityIso = (at: Date): string => toVietnamIsoSeconds(at.getTime());

/**
 * The state shown when the incident side has none yet for a report (just filed, or its incident
 * is being merged): newly received, nobody assigned.
 */
export function receivedState(report: CitizenReportEntity): PublicIncidentState {
  return {
    incidentId: report.incidentId ?? '',
    status: 'new',
    priority: REPORT_CATEGORY_DEFINITIONS[report.category].defaultPriority,
    agency: null,
    expectedAt: null,
    updatedAt: report.updatedAt,
    history: [{ at: report.createdAt, status: 'new', noteVi: null, noteEn: null }],
  };
}

const APPROXIMATE_LOCATION: Record<ReportLocale, string> = {
  vi: 'Vị trí gần đúng: chỉ có địa chỉ, chưa xác định toạ độ.',
  en: 'Approximate location: only an address was given, not yet placed on the map.',
};

const noteIn = (entry: PublicIncidentState['history'][number], locale: ReportLocale): string | null =>
  locale === 'en' ? entry.noteEn ?? entry.noteVi : entry.noteVi ?? entry.noteEn;

export const serviceNameOf = (category: ReportCategory, locale: ReportLocale): string => REPORT_CATEGORY_DEFINITIONS[category][locale];

export const serviceNoticeFor = (trackingCode: string, locale: ReportLocale): string =>
  locale === 'en'
    ? `Report received. Follow it with the tracking code ${trackingCode}.`
    : `Đã tiếp nhận phản ánh. Theo dõi bằng mã ${trackingCode}.`;

/** What the citizen may see of their report: never a contact detail. */
export function toTrackingView(
  report: CitizenReportEntity,
  state: PublicIncidentState,
  photos: StoredPhoto[],
  locale: ReportLocale,
): TrackingView {
  return {
    trackingCode: report.trackingCode,
    serviceRequestId: report.serviceRequestId,
    category: report.category,
    description: report.description,
    lat: report.lat,
    lon: report.lon,
    address: report.address,
    status: state.status,
    open311Status: isOpenIncident(state.status) ? 'open' : 'closed',
    agency: state.agency,
    submittedAt: report.createdAt.toISOString(),
    updatedAt: latest(state.updatedAt, report.updatedAt).toISOString(),
    expectedAt: state.expectedAt?.toISOString() ?? null,
    history: state.history.map((entry) => ({ at: entry.at.toISOString(), status: entry.status, note: noteIn(entry, locale) })),
    photos: photos.map((photo) => ({ url: photo.url, thumbnailUrl: photo.thumbnailUrl })),
  };
}

/**
 * One Open311 service request. `status` is the standard's coarse open/closed; the workflow step
 * and its latest public note go in `status_notes`; the public history in the `notes` extension.
 * `origin` makes the photo's URL absolute, as clients outside our site need it.
 */
export function toOpen311Request(
  report: CitizenReportEntity,
  state: PublicIncidentState,
  locale: ReportLocale,
  origin: string,
): Open311ServiceRequest {
  const lastNote = [...state.history].reverse().find((entry) => entry.status === state.status);
  const stepNote = lastNote ? noteIn(lastNote, locale) : null;
  const statusNotes = [
    stepNote ? `${INCIDENT_STATUS_LABELS[state.status][locale]}: ${stepNote}` : INCIDENT_STATUS_LABELS[state.status][locale],
    report.locationApproximate ? APPROXIMATE_LOCATION[locale] : null,
  ]
    .filter(Boolean)
    .join(' ');
  const notes: Open311Note[] = state.history.map((entry) => {
    const note = noteIn(entry, locale);
    const label = INCIDENT_STATUS_LABELS[entry.status][locale];
    return { datetime: toCityIso(entry.at), description: note ? `${label}: ${note}` : label, type: entry.status };
  });
  return {
    service_request_id: report.serviceRequestId,
    status: isOpenIncident(state.status) ? 'open' : 'closed',
    status_notes: statusNotes,
    service_name: serviceNameOf(report.category, locale),
    service_code: report.category,
    description: report.description || null,
    agency_responsible: state.agency ? (locale === 'en' ? state.agency.nameEn : state.agency.nameVi) : null,
    service_notice: null,
    requested_datetime: toCityIso(report.createdAt),
    updated_datetime: toCityIso(latest(state.updatedAt, report.updatedAt)),
    expected_datetime: state.expectedAt ? toCityIso(state.expectedAt) : null,
    address: report.address,
    address_id: null,
    zipcode: null,
    lat: report.locationApproximate ? null : report.lat,
    long: report.locationApproximate ? null : report.lon,
    media_url: report.mediaPath ? `${origin}${report.mediaPath}` : report.externalMediaUrl,
    notes,
  };
}

export function open311Services(locale: ReportLocale): Open311Service[] {
  const other: ReportLocale = locale === 'en' ? 'vi' : 'en';
  return REPORT_CATEGORIES.map((code) => {
    const definition = REPORT_CATEGORY_DEFINITIONS[code];
    return {
      service_code: code,
      service_name: definition[locale],
      description: definition[locale],
      // Our categories ask nothing beyond Open311's own fields.
      metadata: false,
      // A request gets its id at once.
      type: 'realtime',
      keywords: [definition[other], code.replaceAll('_', ' ')].join(', '),
      group: definition.group,
    };
  });
}

export const open311ServiceDefinition = (code: ReportCategory): Open311ServiceDefinition => ({ service_code: code, attributes: [] });

const latest = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
