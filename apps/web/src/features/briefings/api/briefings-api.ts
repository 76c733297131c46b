import {
  briefingListSchema,
  createBriefingResponseSchema,
  problemSchema,
  type BriefingList,
  type CreateBriefingRequest,
  type CreateBriefingResponse,
} from '@mekong-ioc/shared';
import { ApiError } from '../../../api/api-error';
import { sessionStore } from '../../auth/state/app-session';

/** The briefing API, always as the signed-in user. */
export const briefingsApi = {
  list: (): Promise<BriefingList> => sessionStore.json('/api/briefings', briefingListSchema),
  create: (request: CreateBriefingRequest): Promise<CreateBriefingResponse> =>
    sessionStore.json('/api/briefings', createBriefingResponseSchema, { method: 'POST', body: request }),

  /**
   * The file needs the bearer token, so a plain link cannot fetch it: it is read as a blob and
   * handed to the browser as a download under the name the list gives.
   */
  async download(id: string, fileName: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`/api/briefings/${encodeURIComponent(id)}/file`, {
        headers: { accept: '*/*', authorization: `Bearer ${sessionStore.getAccessToken() ?? ''}` },
        credentials: 'same-origin',
      });
    } catch (error) {
      throw ApiError.network(error);
    }
    if (!response.ok) {
      const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
      throw problem.success
        ? new ApiError(response.status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data)
        : new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
    }
    const url = URL.createObjectURL(await response.blob());
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
    } finally {
      // The click has handed the blob to the browser's download; the URL can go on the next turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
  },
};
