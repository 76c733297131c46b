import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentSource } from '@mekong-ioc/shared';

@Entity({ name: 'incident_sources' })
export class IncidentSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  kind: IncidentSource;

  @Column({ type: 'text', nullable: true })
  ref: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'photo_ids', type: 'uuid', array: true })
  photoIds: string[];

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
