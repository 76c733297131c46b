import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BriefingFormat, BriefingLocale, BriefingState } from '@mekong-ioc/shared';

/** Written only by BriefingJobs (a row per job); the file lives in object storage. */
@Entity({ name: 'briefings' })
export class BriefingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  week: string;

  @Column({ type: 'text' })
  format: BriefingFormat;

  @Column({ type: 'text' })
  locale: BriefingLocale;

  @Column({ type: 'boolean' })
  provisional: boolean;

  /** Null for the Monday scheduler. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', default: 'running' })
  status: BriefingState;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'file_key', type: 'text', nullable: true })
  fileKey: string | null;

  /** bigint comes back from the driver as a string. */
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes: string | null;
}
