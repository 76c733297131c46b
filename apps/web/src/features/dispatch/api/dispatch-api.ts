import {
  agencySchema,
  agencyUnitSchema,
  incidentContextSchema,
  incidentDetailSchema,
  incidentFieldPhotosSchema,
  incidentListSchema,
  problemSchema,
  splitIncidentResponseSchema,
  storedPhotoSchema,
  suggestedUnitsSchema,
  wallFocusCommandSchema,
  type AddIncidentNoteRequest,
  type Agency,
  type AgencyUnit,
  type IncidentContext,
  type IncidentDetail,
  type IncidentFieldPhotos,
  type IncidentList,
  type IncidentPriority,
  type IncidentStatus,
  type ResponderProgressStep,
  type SplitIncidentResponse,
  type SuggestedUnits,
  type WallFocusCommand,
} from '@mekong-ioc/shared';
import { ApiError } from '../../../api/api-error';
import { sessionStore } from '../../auth/state/app-session';
import { QUEUE_STATUSES } from '../utils/incident-queue.util';

const incident = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

/** The incident API as the console and the responder view call it, always as the signed-in user. */
export const dispatchApi = {
  /** Everything in the queue's statuses (a city's open incidents fit in one page of 200). */
  queue: (): Promise<IncidentList> => sessionStore.json(`/api/incidents?status=${QUEUE_STATUSES.join(',')}&limit=200`, incidentListSchema),
  /** The responder's own agency's incidents (the API narrows the list to it). */
  assigned: (): Promise<IncidentList> => sessionStore.json(`/api/incidents?status=dispatched,on_scene,resolved&limit=100`, incidentListSchema),
  detail: (id: string): Promise<IncidentDetail> => sessionStore.json(incident(id), incidentDetailSchema),
  context: (id: string): Promise<IncidentContext> => sessionStore.json(`${incident(id)}/context`, incidentContextSchema),
  fieldPhotos: (id: string): Promise<IncidentFieldPhotos> => sessionStore.json(`${incident(id)}/photos`, incidentFieldPhotosSchema),
  suggestedUnits: (id: string, agencyId: string): Promise<SuggestedUnits> =>
    sessionStore.json(`${incident(id)}/suggested-units?agencyId=${encodeURIComponent(agencyId)}&limit=5`, suggestedUnitsSchema),
  agencies: (): Promise<Agency[]> => sessionStore.json('/api/agencies', agencySchema.array()),
  units: (): Promise<AgencyUnit[]> => sessionStore.json('/api/agency-units', agencyUnitSchema.array()),

  transition: (target: IncidentDetail, to: IncidentStatus, reason?: string): Promise<IncidentDetail> =>
    sessionStore.json(`${incident(target.id)}/transitions`, incidentDetailSchema, {
      method: 'POST',
      body: { to, expectedVersion: target.version, ...(reason && { reason }) },
    }),
  update: (target: IncidentDetail, changes: { priority?: IncidentPriority; agencyId?: string | null; unitId?: string | null }): Promise<IncidentDetail> =>
    sessionStore.json(incident(target.id), incidentDetailSchema, { method: 'PATCH', body: { expectedVersion: target.version, ...changes } }),
  note: (id: string, note: Partial<AddIncidentNoteRequest> & { text: string }): Promise<IncidentDetail> =>
    sessionStore.json(`${incident(id)}/notes`, incidentDetailSchema, { method: 'POST', body: note }),
  /** `duplicateIds` become duplicates of `targetId`. */
  merge: (targetId: string, duplicateIds: string[]): Promise<IncidentDetail> =>
    sessionStore.json(`${incident(targetId)}/merge`, incidentDetailSchema, { method: 'POST', body: { incidentIds: duplicateIds } }),
  split: (id: string, sourceIds: string[]): Promise<SplitIncidentResponse> =>
    sessionStore.json(`${incident(id)}/split`, splitIncidentResponseSchema, { method: 'POST', body: { sourceIds } }),
  progress: (id: string, step: ResponderProgressStep): Promise<IncidentDetail> =>
    sessionStore.json(`${incident(id)}/progress`, incidentDetailSchema, { method: 'POST', body: { step } }),
  attachPhotos: (id: string, photoIds: string[], note?: string): Promise<IncidentFieldPhotos> =>
    sessionStore.json(`${incident(id)}/photos`, incidentFieldPhotosSchema, { method: 'POST', body: { photoIds, ...(note && { note }) } }),
  pushToWall: (id: string): Promise<WallFocusCommand> => sessionStore.json('/api/wall/focus', wallFocusCommandSchema, { method: 'POST', body: { incidentId: id } }),

  /** Multipart, so not through `json`: the same bearer token, the same problem-details errors. */
  async uploadPhotos(files: readonly Blob[]): Promise<string[]> {
    const body = new FormData();
    for (const file of files) body.append('photo', file, file instanceof File ? file.name : 'photo.jpg');
    const send = () =>
      fetch('/api/media/photos', {
        method: 'POST',
        headers: { accept: 'application/json, application/problem+json', authorization: `Bearer ${sessionStore.getAccessToken() ?? ''}` },
        body,
        credentials: 'same-origin',
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      throw ApiError.network(error);
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = problemSchema.safeParse(answer);
      throw problem.success
        ? new ApiError(response.status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data)
        : new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
    }
    return storedPhotoSchema.array().parse(answer).map((photo) => photo.id);
  },
};
