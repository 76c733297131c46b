import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import type { FieldError, Open311Error, Open311Format } from '@mekong-ioc/shared';

/** Where the Open311 GeoReport v2 endpoint lives, outside the `api` prefix, as clients expect. */
export const OPEN311_BASE_PATH = '/open311/v2';

export const isOpen311Url = (url: string): boolean => url === OPEN311_BASE_PATH || url.startsWith(`${OPEN311_BASE_PATH}/`);

/**
 * The format a URL asks for: the extension of its last path segment. Anything but `.xml` answers
 * in JSON, so an error about an unknown format is still readable.
 */
export function open311FormatOf(url: string): Open311Format {
  const path = url.split('?', 1)[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export const open311ContentType = (format: Open311Format): string => CONTENT_TYPES[format];

const xmlBuilder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

// Characters XML 1.0 cannot carry at all, even escaped; a description may contain them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

/**
 * An XML document with the standard's element names: `root` holds one `item` element per entry
 * (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`). Nested lists are
 * given as `{ element: [...] }` by the caller.
 */
export function open311Xml(root: string, item: string | null, value: unknown): string {
  const body = item === null ? { [root]: value } : { [root]: { [item]: value } };
  return `<?xml version="1.0" encoding="utf-8"?>${xmlBuilder.build(xmlSafe(body)) as string}`;
}

export function open311ErrorList(status: number, detail: string | undefined, errors: FieldError[] | undefined): Open311Error[] {
  if (errors?.length) return errors.map((error) => ({ code: status, description: `${error.path}: ${error.message}` }));
  return [{ code: status, description: detail ?? 'Error' }];
}

/** Answers an error as Open311's list of `{code, description}`, in the format the URL asked for. */
export function sendOpen311Errors(
  reply: FastifyReply,
  url: string,
  status: number,
  errors: Open311Error[],
  headers: Record<string, string> = {},
): void {
  const format = open311FormatOf(url);
  const body = format === 'xml' ? open311Xml('errors', 'error', errors) : JSON.stringify(errors);
  void reply.status(status).headers(headers).type(open311ContentType(format)).send(body);
}
