import { AgencyEntity } from '../../modules/agencies/agency.entity';
import { ApiKeyEntity } from '../../modules/auth/api-key.entity';
import { RefreshTokenEntity } from '../../modules/auth/refresh-token.entity';
import { UserEntity } from '../../modules/auth/user.entity';
import { DeviceEntity } from '../../modules/ingestion/device.entity';

/** Every entity the data source maps; the migration CLI and the tests use the same list. */
export const ENTITIES = [AgencyEntity, UserEntity, RefreshTokenEntity, ApiKeyEntity, DeviceEntity];
