import { z } from 'zod';
import type { AgencyKind } from '../agencies/agency.contract';
import type { BilingualLabel } from '../i18n/bilingual-label';
import type { IncidentPriority } from './incident-priority';

/**
 * Citizen report categories of the domain brief; they are also the Open311 service codes and the
 * categories of incidents opened by cameras and sensors.
 */
export const REPORT_CATEGORIES = [
  'public_order',
  'traffic_violation',
  'sidewalk_encroachment',
  'waste_environment',
  'flooding',
  'street_lighting',
  'trees',
  'road_damage',
  'illegal_construction',
  'fire',
  'other',
] as const;
export const reportCategorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof reportCategorySchema>;

export interface ReportCategoryDefinition extends BilingualLabel {
  /** The agency that usually goes on site; the duty officer may choose another. */
  agencyKind: AgencyKind;
  /** Priority a new incident of this category starts with, before triage. */
  defaultPriority: IncidentPriority;
  /** Open311 `group`. */
  group: 'safety' | 'traffic' | 'urban' | 'environment';
}

export const REPORT_CATEGORY_DEFINITIONS: Record<ReportCategory, ReportCategoryDefinition> = {
  public_order: { vi: 'An ninh trật tự', en: 'Public order and security', agencyKind: 'police', defaultPriority: 'P2', group: 'safety' },
  traffic_violation: { vi: 'Vi phạm giao thông', en: 'Traffic violation', agencyKind: 'traffic_police', defaultPriority: 'P3', group: 'traffic' },
  sidewalk_encroachment: { vi: 'Lấn chiếm lòng lề đường', en: 'Sidewalk encroachment', agencyKind: 'urban_order', defaultPriority: 'P4', group: 'urban' },
  waste_environment: { vi: 'Rác thải, môi trường', en: 'Waste and environment', agencyKind: 'environment_sanitation', defaultPriority: 'P3', group: 'environment' },
  flooding: { vi: 'Ngập nước', en: 'Flooding', agencyKind: 'ward_committee', defaultPriority: 'P2', group: 'environment' },
  street_lighting: { vi: 'Chiếu sáng công cộng', en: 'Street lighting', agencyKind: 'electricity', defaultPriority: 'P4', group: 'urban' },
  trees: { vi: 'Cây xanh', en: 'Trees', agencyKind: 'environment_sanitation', defaultPriority: 'P3', group: 'urban' },
  road_damage: { vi: 'Hư hỏng đường', en: 'Road damage', agencyKind: 'ward_committee', defaultPriority: 'P3', group: 'traffic' },
  illegal_construction: { vi: 'Xây dựng trái phép', en: 'Illegal construction', agencyKind: 'urban_order', defaultPriority: 'P4', group: 'urban' },
  fire: { vi: 'Cháy nổ', en: 'Fire or explosion', agencyKind: 'fire_rescue', defaultPriority: 'P1', group: 'safety' },
  other: { vi: 'Khác', en: 'Other', agencyKind: 'ward_committee', defaultPriority: 'P4', group: 'urban' },
};

/** Where an incident came from; each source fuses with open incidents the same way. */
export const INCIDENT_SOURCES = ['citizen_report', 'camera_event', 'sensor_alert', 'officer'] as const;
export const incidentSourceSchema = z.enum(INCIDENT_SOURCES);
export type IncidentSource = z.infer<typeof incidentSourceSchema>;
