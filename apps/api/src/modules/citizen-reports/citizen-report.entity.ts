import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReportCategory } from '@mekong-ioc/shared';

export type ReportChannel = 'open311' | 'web';

/**
 * One citizen report as it came in. Its public status is its incident's. The `contact*` columns
 * are the reporter's private details: mappers to public answers never read them.
 */
@Entity({ name: 'citizen_reports' })
export class CitizenReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** From a database sequence, so never written by the application. */
  @Column({ name: 'service_request_id', type: 'text', insert: false, update: false, default: () => 'next_citizen_report_number()' })
  serviceRequestId: string;

  @Column({ name: 'tracking_code', type: 'text' })
  trackingCode: string;

  @Column({ type: 'text' })
  channel: ReportChannel;

  @Column({ type: 'text' })
  category: ReportCategory;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ name: 'location_approximate', type: 'boolean', default: false })
  locationApproximate: boolean;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'media_path', type: 'text', nullable: true })
  mediaPath: string | null;

  @Column({ name: 'photo_count', type: 'smallint', default: 0 })
  photoCount: number;

  @Column({ name: 'external_media_url', type: 'text', nullable: true })
  externalMediaUrl: string | null;

  @Column({ name: 'contact_first_name', type: 'text', nullable: true })
  contactFirstName: string | null;

  @Column({ name: 'contact_last_name', type: 'text', nullable: true })
  contactLastName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_device_id', type: 'text', nullable: true })
  contactDeviceId: string | null;

  @Column({ name: 'contact_account_id', type: 'text', nullable: true })
  contactAccountId: string | null;

  @Column({ type: 'text' })
  locale: 'vi' | 'en';

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
