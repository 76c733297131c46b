export type SniffedImageType =
  | { accepted: true; type: 'image/jpeg' | 'image/png' | 'image/webp' }
  | { accepted: false; description: string };

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((byte, index) => head[offset + index] === byte);
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/** HEIF brands: the phone-camera HEIC photos that the sharp build here cannot decode (no HEVC decoder). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif']);

/**
 * What an upload is, from its first bytes: the name and the declared content type are the
 * client's to choose and say nothing. Needs the first 12 bytes.
 */
export function sniffImageType(head: Buffer): SniffedImageType {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { accepted: true, type: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { accepted: true, type: 'image/png' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { accepted: true, type: 'image/webp' };
  if (startsWith(head, ascii('ftyp'), 4) && HEIF_BRANDS.has(head.subarray(8, 12).toString('latin1'))) {
    return { accepted: false, description: 'a HEIC/HEIF image, which is not supported' };
  }
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { accepted: false, description: 'a program, not an image' };
  if (startsWith(head, ascii('MZ'))) return { accepted: false, description: 'a program, not an image' };
  if (startsWith(head, ascii('#!'))) return { accepted: false, description: 'a script, not an image' };
  return { accepted: false, description: 'not a JPEG, PNG or WebP image' };
}
