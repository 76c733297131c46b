import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';

/** Who a signed-in principal is, as far as authorisation cares. */
export const ROLES = ['admin', 'leader', 'duty_officer', 'responder', 'wall'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, BilingualLabel> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  duty_officer: { vi: 'Cán bộ trực', en: 'Duty officer' },
  responder: { vi: 'Lực lượng xử lý', en: 'Responder' },
  wall: { vi: 'Màn hình điều hành', en: 'Video wall' },
};
