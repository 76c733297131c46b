import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { MediaModule } from '../media/media.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DispatchLiveSnapshots } from './dispatch-live-snapshots.provider';
import { DispatchController } from './dispatch.controller';
import { IncidentContextService } from './incident-context.service';
import { ResponderActionsService } from './responder-actions.service';
import { SuggestedUnitsService } from './suggested-units.service';
import { WallCommandsService } from './wall-commands.service';
import { WallController } from './wall.controller';

/**
 * The dispatch console's and responder view's needs beyond the incident workflow: suggested
 * units, nearby camera and sensor context, field photos, responder progress, the `incidents`
 * topic's snapshot and the console's commands to the wall.
 */
@Module({
  imports: [IncidentsModule, MediaModule, RealtimeModule],
  controllers: [DispatchController, WallController],
  providers: [DispatchLiveSnapshots, IncidentContextService, ResponderActionsService, SuggestedUnitsService, WallCommandsService],
})
export class DispatchModule {}
