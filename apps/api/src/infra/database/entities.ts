import { AgencyEntity } from '../../modules/agencies/agency.entity';
import { AlertHistoryEntity } from '../../modules/alerts/alert-history.entity';
import { AlertRuleEntity } from '../../modules/alerts/alert-rule.entity';
import { AlertEntity } from '../../modules/alerts/alert.entity';
import { ApiKeyEntity } from '../../modules/auth/api-key.entity';
import { RefreshTokenEntity } from '../../modules/auth/refresh-token.entity';
import { UserEntity } from '../../modules/auth/user.entity';
import { WallDisplayEntity } from '../../modules/auth/wall-display.entity';
import { BriefingEntity } from '../../modules/briefings/briefing.entity';
import { CitizenReportEntity } from '../../modules/citizen-reports/citizen-report.entity';
import { IdempotencyKeyEntity } from '../../modules/citizen-reports/idempotency-key.entity';
import { AgencyUnitEntity } from '../../modules/incidents/agency-unit.entity';
import { IncidentAuditEntity } from '../../modules/incidents/incident-audit.entity';
import { IncidentSourceEntity } from '../../modules/incidents/incident-source.entity';
import { IncidentEntity } from '../../modules/incidents/incident.entity';
import { DeviceEntity } from '../../modules/ingestion/device.entity';
import { PhotoEntity } from '../../modules/media/photo.entity';

/** Every entity the data source maps; the migration CLI and the tests use the same list. */
export const ENTITIES = [AgencyEntity, UserEntity, RefreshTokenEntity, ApiKeyEntity, DeviceEntity, PhotoEntity, AgencyUnitEntity, IncidentEntity, IncidentSourceEntity, IncidentAuditEntity, CitizenReportEntity, IdempotencyKeyEntity, AlertRuleEntity, AlertEntity, AlertHistoryEntity, BriefingEntity, WallDisplayEntity];
