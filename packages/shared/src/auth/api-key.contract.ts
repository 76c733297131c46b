import { z } from 'zod';
import { apiKeyScopeSchema } from './api-key-scope';

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the key, enough for an operator to recognise it; never the secret. */
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z.array(apiKeyScopeSchema).min(1).refine((s) => new Set(s).size === s.length, 'scopes repeat'),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** Returned once, when the key is created: the plain key is not stored and cannot be shown again. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyPrincipalSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(apiKeyScopeSchema),
});
export type ApiKeyPrincipal = z.infer<typeof apiKeyPrincipalSchema>;
