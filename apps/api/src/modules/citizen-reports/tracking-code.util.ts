import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** A fresh tracking code: 50 bits from the system's CSPRNG (each byte masked to 5 bits, so unbiased). */
export function newTrackingCode(): string {
  return [...randomBytes(TRACKING_CODE_LENGTH)].map((byte) => CROCKFORD[byte & 31]).join('');
}

/**
 * What a citizen typed, as the stored code: Crockford's decoding rules forgive the look-alikes
 * (O→0, I/L→1), case and the hyphens people add for readability.
 */
export function normaliseTrackingCode(typed: string): string {
  return typed.trim().toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
