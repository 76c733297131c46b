import { z } from 'zod';

/** Why one reading of a batch was refused: its position, the field, and what is wrong. */
export const rejectedReadingSchema = z.object({
  index: z.number().int().nonnegative(),
  field: z.string(),
  message: z.string(),
});
export type RejectedReading = z.infer<typeof rejectedReadingSchema>;

/**
 * The answer to an ingest request, sent only after the stored readings are committed. Every index
 * of the batch appears in exactly one of `stored`, `duplicates` or `rejected`.
 */
export const ingestResultSchema = z.object({
  stored: z.array(z.number().int().nonnegative()),
  duplicates: z.array(z.number().int().nonnegative()),
  rejected: z.array(rejectedReadingSchema),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;
