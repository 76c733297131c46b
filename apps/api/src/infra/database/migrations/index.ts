import { Foundation1764100000000 } from './1764100000000-foundation';
import { Ingestion1764200000000 } from './1764200000000-ingestion';

/** Every migration, oldest first. A landed migration is never edited; add a new one. */
export const MIGRATIONS = [Foundation1764100000000, Ingestion1764200000000];
