import { Injectable } from '@nestjs/common';
import {
  RESPONDER_PROGRESS_NOTES,
  responderStepOfNote,
  type AttachIncidentPhotosRequest,
  type IncidentDetail,
  type IncidentFieldPhotos,
  type ResponderProgressRequest,
} from '@mekong-ioc/shared';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import type { UserPrincipal } from '../auth/principal';
import type { AuditActor } from '../incidents/incident-intake.service';
import { IncidentsService } from '../incidents/incidents.service';
import { PhotoService } from '../media/photo.service';
import { DispatchException } from './dispatch.exception';

/**
 * What responders (and officers) do on site beyond the workflow's statuses: record that they took
 * the task and are on their way, and give the incident the photos they took. Both go through the
 * incident's own note, so every step is in the audit trail and on the live channel.
 */
@Injectable()
export class ResponderActionsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly photos: PhotoService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Accepted / on the way: only while dispatched; saying the same step twice records it once. */
  async recordProgress(incidentId: string, request: ResponderProgressRequest, viewer: UserPrincipal, actor: AuditActor): Promise<IncidentDetail> {
    const incident = await this.incidents.detail(incidentId, viewer);
    if (incident.status !== 'dispatched') {
      throw new DispatchException('DISPATCH_PROGRESS_NOT_ALLOWED', `Progress is recorded between dispatch and arrival; this incident is ${incident.status}.`, {
        current: incident.status,
      });
    }
    const latestStep = [...incident.audit]
      .reverse()
      .find((entry) => entry.action === 'note' && responderStepOfNote(entry.details['text']) !== null);
    if (latestStep && responderStepOfNote(latestStep.details['text']) === request.step) return incident;
    const note = RESPONDER_PROGRESS_NOTES[request.step];
    return this.incidents.addNote(incidentId, { text: note.vi, textEn: note.en, public: true }, viewer, actor);
  }

  /**
   * Claims uploaded photos for the incident, then records who gave them (an internal note, which
   * also tells every console). A photo already given to something else is refused (422).
   */
  async attachPhotos(incidentId: string, request: AttachIncidentPhotosRequest, viewer: UserPrincipal, actor: AuditActor): Promise<IncidentFieldPhotos> {
    await this.transactions.run(async (manager) => {
      await this.incidents.detail(incidentId, viewer, manager);
      await this.photos.attach(manager, request.photoIds, { kind: 'incident', id: incidentId });
    });
    const count = new Set(request.photoIds).size;
    const text = request.note ?? `Đã đính kèm ${count} ảnh hiện trường.`;
    await this.incidents.addNote(incidentId, { text, public: false }, viewer, actor);
    return this.fieldPhotos(incidentId, viewer);
  }

  async fieldPhotos(incidentId: string, viewer: UserPrincipal): Promise<IncidentFieldPhotos> {
    await this.incidents.detail(incidentId, viewer);
    const photos = await this.photos.listFor({ kind: 'incident', id: incidentId });
    return { incidentId, photos: photos.map((photo) => ({ id: photo.id, url: photo.url, thumbnailUrl: photo.thumbnailUrl })) };
  }
}
