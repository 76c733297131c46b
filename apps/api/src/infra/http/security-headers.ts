import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Everything the web app and the API docs load comes from this origin: the app bundles its fonts,
 * map data and scripts, and nothing is fetched from a CDN. Inline style attributes are allowed for
 * React's `style` props and Swagger UI.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  // A local demo and a LAN wall run on plain http; upgrading their requests would break them.
  upgradeInsecureRequests: null,
};

/**
 * Helmet's headers for HTML documents, worked out once at start-up. Helmet as a per-request hook
 * rebuilt the same dozen headers on every answer and halved the API's throughput; the policy is
 * static, so it is computed once and applied to documents only (JSON answers get `nosniff`).
 */
export function documentSecurityHeaders(options: HelmetOptions = { contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
