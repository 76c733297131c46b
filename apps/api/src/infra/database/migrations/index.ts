import { Foundation1764100000000 } from './1764100000000-foundation';
import { Ingestion1764200000000 } from './1764200000000-ingestion';
import { Incidents1764300000000 } from './1764300000000-incidents';
import { CitizenReports1764300100000 } from './1764300100000-citizen-reports';
import { Media1764300200000 } from './1764300200000-media';
import { Alerts1764400100000 } from './1764400100000-alerts';
import { Briefings1764400200000 } from './1764400200000-briefings';
import { ApproximateIncidentLocations1764500100000 } from './1764500100000-approximate-incident-locations';
import { WallDisplays1764500300000 } from './1764500300000-wall-displays';

/** Every migration, oldest first. A landed migration is never edited; add a new one. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Ingestion1764200000000,
  Incidents1764300000000,
  CitizenReports1764300100000,
  Media1764300200000,
  Alerts1764400100000,
  Briefings1764400200000,
  ApproximateIncidentLocations1764500100000,
  WallDisplays1764500300000,
];
