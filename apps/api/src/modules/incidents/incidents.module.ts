import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { AgencyUnitsController } from './agency-units.controller';
import { AgencyUnitsService } from './agency-units.service';
import { CameraIncidentsListener } from './camera-incidents.listener';
import { IncidentAuditService } from './incident-audit.service';
import { IncidentEventOutbox } from './incident-event-outbox';
import { IncidentEvents } from './incident-events';
import { IncidentIntakeService } from './incident-intake.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { SlaMonitorService } from './sla-monitor.service';
import { UnitMovementService } from './unit-movement.service';

/**
 * Incidents: one workflow and one audit trail for everything that needs a response. Other modules
 * feed it through IncidentIntakeService, read citizens' view through IncidentsService.publicStates,
 * and follow it through IncidentEvents.
 */
@Module({
  imports: [AgenciesModule, IngestionModule],
  controllers: [IncidentsController, AgencyUnitsController],
  providers: [
    AgencyUnitsService,
    CameraIncidentsListener,
    IncidentAuditService,
    IncidentEventOutbox,
    IncidentEvents,
    IncidentIntakeService,
    IncidentsService,
    SlaMonitorService,
    UnitMovementService,
  ],
  exports: [IncidentIntakeService, IncidentsService, IncidentEvents, AgencyUnitsService],
})
export class IncidentsModule {}
