import { z } from 'zod';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export const databaseKindSchema = z.enum(DATABASE_KINDS);
export type DatabaseKind = z.infer<typeof databaseKindSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: databaseKindSchema,
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type Health = z.infer<typeof healthSchema>;

export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.object({ status: z.enum(['up', 'down']), latencyMs: z.number().nullable() }),
});
export type Readiness = z.infer<typeof readinessSchema>;
