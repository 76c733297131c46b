import { z } from 'zod';

export const AGENCY_KINDS = [
  'ward_committee',
  'police',
  'traffic_police',
  'urban_order',
  'environment_sanitation',
  'electricity',
  'fire_rescue',
  'water_supply',
] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof agencyKindSchema>;

export const agencySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: agencyKindSchema,
  nameVi: z.string(),
  nameEn: z.string(),
});
export type Agency = z.infer<typeof agencySchema>;
