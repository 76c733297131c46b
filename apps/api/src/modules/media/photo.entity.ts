import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PhotoOwner } from './photo.service';

@Entity({ name: 'photos' })
export class PhotoEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'thumbnail_key', type: 'text' })
  thumbnailKey: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'integer' })
  bytes: number;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'owner_kind', type: 'text', nullable: true })
  ownerKind: PhotoOwner['kind'] | null;

  @Column({ name: 'owner_id', type: 'text', nullable: true })
  ownerId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
