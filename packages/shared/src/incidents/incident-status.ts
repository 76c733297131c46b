import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';

/**
 * The incident workflow of the domain brief. `rejected` and `duplicate` end an incident that
 * needed no response; `resolved` may be reopened until it is closed.
 */
export const INCIDENT_STATUSES = [
  'new',
  'verified',
  'dispatched',
  'on_scene',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Every move the workflow allows; anything else is refused with these as the allowed ones. */
export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['verified', 'rejected', 'duplicate'],
  verified: ['dispatched', 'rejected', 'duplicate'],
  dispatched: ['on_scene'],
  on_scene: ['resolved'],
  resolved: ['closed', 'dispatched'],
  closed: [],
  rejected: [],
  duplicate: [],
};

/** Reopening a resolved incident sends its unit back (dispatched again); the audit row says it was a reopen. */
export const isReopen = (from: IncidentStatus, to: IncidentStatus): boolean => from === 'resolved' && to === 'dispatched';

export const allowedTransitions = (from: IncidentStatus): readonly IncidentStatus[] => INCIDENT_TRANSITIONS[from];
export const canTransition = (from: IncidentStatus, to: IncidentStatus): boolean => INCIDENT_TRANSITIONS[from].includes(to);

/** Statuses in which an incident still needs someone: new reports fuse into these. */
export const OPEN_INCIDENT_STATUSES = ['new', 'verified', 'dispatched', 'on_scene'] as const satisfies readonly IncidentStatus[];
export const isOpenIncident = (status: IncidentStatus): boolean => (OPEN_INCIDENT_STATUSES as readonly IncidentStatus[]).includes(status);

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, BilingualLabel> = {
  new: { vi: 'Mới', en: 'New' },
  verified: { vi: 'Đã xác minh', en: 'Verified' },
  dispatched: { vi: 'Đã điều phối', en: 'Dispatched' },
  on_scene: { vi: 'Đang xử lý', en: 'On scene' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  rejected: { vi: 'Không hợp lệ', en: 'Rejected' },
  duplicate: { vi: 'Trùng', en: 'Duplicate' },
};
