import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random secret with 256 bits of entropy. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * High-entropy secrets (refresh tokens, API keys) need no slow hash: SHA-256 cannot be brute-forced
 * at 256 bits, and it keeps the per-request check cheap.
 */
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export const secretMatches = (secret: string, expectedHash: Buffer): boolean => {
  const actual = hashSecret(secret);
  return actual.length === expectedHash.length && timingSafeEqual(actual, expectedHash);
};
