import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';

/** P1 is life or property at risk now; P4 can wait for the next working day. */
export const INCIDENT_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const incidentPrioritySchema = z.enum(INCIDENT_PRIORITIES);
export type IncidentPriority = z.infer<typeof incidentPrioritySchema>;

export const INCIDENT_PRIORITY_LABELS: Record<IncidentPriority, BilingualLabel> = {
  P1: { vi: 'Khẩn cấp', en: 'Critical' },
  P2: { vi: 'Cao', en: 'High' },
  P3: { vi: 'Trung bình', en: 'Medium' },
  P4: { vi: 'Thấp', en: 'Low' },
};

/** Minutes to dispatch and to resolve, per priority: the defaults of SLA_* configuration. */
export const DEFAULT_SLA_MINUTES: Record<IncidentPriority, { dispatch: number; resolve: number }> = {
  P1: { dispatch: 10, resolve: 120 },
  P2: { dispatch: 30, resolve: 480 },
  P3: { dispatch: 120, resolve: 2_880 },
  P4: { dispatch: 480, resolve: 10_080 },
};
