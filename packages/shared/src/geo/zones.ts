import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';

/** The five urban zones of Mỹ Tho's plan to 2030; the demo uses them as its districts. */
export const ZONES = ['central', 'east', 'northeast', 'west', 'northwest'] as const;
export const zoneSchema = z.enum(ZONES);
export type Zone = z.infer<typeof zoneSchema>;

export const ZONE_LABELS: Record<Zone, BilingualLabel> = {
  central: { vi: 'Khu đô thị trung tâm', en: 'Central' },
  east: { vi: 'Khu đô thị phía Đông', en: 'East' },
  northeast: { vi: 'Khu đô thị phía Đông Bắc', en: 'Northeast' },
  west: { vi: 'Khu đô thị phía Tây', en: 'West' },
  northwest: { vi: 'Khu đô thị phía Tây Bắc', en: 'Northwest' },
};

/** Approximate demo bounding box; a real deployment loads official boundaries. */
export const MY_THO_BOUNDS = { south: 10.33, west: 106.3, north: 10.4, east: 106.42 } as const;
export const MY_THO_CENTER = { lat: 10.355, lon: 106.365 } as const;
