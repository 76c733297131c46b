import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';

export interface WallDisplayRevokedEvent {
  displayId: string;
}

/**
 * In-process events about wall displays, published after the change has committed. The realtime
 * module ends a revoked display's live sockets (on every instance, through the Socket.IO adapter).
 */
@Injectable()
export class WallDisplayEvents implements OnModuleDestroy {
  readonly revoked = new Subject<WallDisplayRevokedEvent>();

  onModuleDestroy(): void {
    this.revoked.complete();
  }
}
