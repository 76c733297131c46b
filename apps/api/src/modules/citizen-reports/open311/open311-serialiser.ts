import type {
  Open311CreatedRequest,
  Open311Format,
  Open311Service,
  Open311ServiceDefinition,
  Open311ServiceRequest,
  Open311Token,
} from '@mekong-ioc/shared';
import { open311Xml } from '../../../infra/http/open311-format';

/**
 * The standard's two forms of each answer. JSON is the list (or object) as is; XML wraps it in the
 * standard's elements: `<services><service>`, `<service_definition>` with `<attributes><attribute>`,
 * `<service_requests><request>` (also for the POST answer and tokens), and our `notes` extension
 * as `<notes><note>`.
 */
export function serialiseServices(services: Open311Service[], format: Open311Format): string {
  return format === 'json' ? JSON.stringify(services) : open311Xml('services', 'service', services);
}

export function serialiseServiceDefinition(definition: Open311ServiceDefinition, format: Open311Format): string {
  if (format === 'json') return JSON.stringify(definition);
  const attributes = definition.attributes.map(({ values, ...attribute }) => ({
    ...attribute,
    ...(values && { values: { value: values } }),
  }));
  return open311Xml('service_definition', null, { service_code: definition.service_code, attributes: { attribute: attributes } });
}

export function serialiseRequests(requests: Open311ServiceRequest[], format: Open311Format): string {
  if (format === 'json') return JSON.stringify(requests);
  return open311Xml(
    'service_requests',
    'request',
    requests.map(({ notes, ...request }) => ({ ...request, notes: { note: notes } })),
  );
}

export function serialiseCreated(created: Open311CreatedRequest[], format: Open311Format): string {
  return format === 'json' ? JSON.stringify(created) : open311Xml('service_requests', 'request', created);
}

export function serialiseTokens(tokens: Open311Token[], format: Open311Format): string {
  return format === 'json' ? JSON.stringify(tokens) : open311Xml('service_requests', 'request', tokens);
}
