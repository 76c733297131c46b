import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import sharp, { type Metadata } from 'sharp';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { MediaException } from './media.exception';
import { sniffImageType } from './image-type.util';
import { PhotoEntity } from './photo.entity';

export interface StoredPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  bytes: number;
}

export type PhotoOwner = { kind: 'citizen_report' | 'incident'; id: string };

export type PhotoVariant = 'photo' | 'thumbnail';

/** Longest side of a thumbnail, in pixels: enough for lists and map pop-ups on a high-density screen. */
export const THUMBNAIL_SIZE = 320;
const STORED_TYPE = 'image/jpeg';

/** Stores, owns and serves uploaded photos; the only code that sees an upload's bytes. */
@Injectable()
export class PhotoService {
  private readonly maxBytes: number;
  private readonly maxPixels: number;

  constructor(
    @InjectRepository(PhotoEntity) private readonly photos: Repository<PhotoEntity>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxBytes = config.media.photoMaxBytes;
    this.maxPixels = config.media.photoMaxPixels;
  }

  /**
   * Reads the upload as a stream, checks type from the bytes (415), size (413, the multipart file
   * stream's `truncated` / limit event), pixels (422), re-encodes with sharp (rotate by EXIF
   * orientation, then strip ALL metadata incl. GPS), writes photo + thumbnail (~320 px) via
   * ObjectStorage, inserts the row with no owner. Throws AppException 413/415/422 with clear messages.
   * The client's file name is only ever used in messages: it never names anything stored.
   */
  async store(file: Readable, options?: { filename?: string }): Promise<StoredPhoto> {
    const label = options?.filename ? `"${options.filename.slice(0, 100)}"` : 'The photo';
    const upload = await this.readUpload(file, label);
    const { photo, thumbnail, width, height } = await this.reencode(upload, label);

    const row = this.photos.create({
      id: randomUUID(),
      storageKey: `photos/${randomBytes(16).toString('hex')}.jpg`,
      thumbnailKey: `thumbnails/${randomBytes(16).toString('hex')}.jpg`,
      width,
      height,
      bytes: photo.length,
      contentType: STORED_TYPE,
      ownerKind: null,
      ownerId: null,
    });
    try {
      await this.storage.put(row.storageKey, photo, STORED_TYPE);
      await this.storage.put(row.thumbnailKey, thumbnail, STORED_TYPE);
      await this.photos.insert(row);
    } catch (error) {
      // No file without its row: whatever was written goes again.
      await Promise.allSettled([this.storage.delete(row.storageKey), this.storage.delete(row.thumbnailKey)]);
      throw error;
    }
    return toStoredPhoto(row);
  }

  /** Gives unowned photos an owner, inside the caller's transaction. */
  async attach(manager: EntityManager, photoIds: string[], owner: PhotoOwner): Promise<void> {
    const ids = [...new Set(photoIds)];
    if (!ids.length) return;
    const malformed = ids.filter((id) => !UUID.test(id));
    if (malformed.length) throw notAvailable(malformed);
    // Claims only photos nobody owns yet; row locks make a concurrent claim of the same photo
    // wait, then find it owned and fail, so a photo never ends up with two owners.
    const result = await manager
      .createQueryBuilder()
      .update(PhotoEntity)
      .set({ ownerKind: owner.kind, ownerId: owner.id })
      .where({ id: In(ids), ownerKind: IsNull() })
      .returning(['id'])
      .execute();
    const claimed = new Set((result.raw as { id: string }[]).map((row) => row.id));
    const missing = ids.filter((id) => !claimed.has(id));
    // Thrown inside the caller's transaction, so the photos claimed before it are released again.
    if (missing.length) throw notAvailable(missing);
  }

  async listFor(owner: PhotoOwner, manager?: EntityManager): Promise<StoredPhoto[]> {
    const repository = manager ? manager.getRepository(PhotoEntity) : this.photos;
    const rows = await repository.find({
      where: { ownerKind: owner.kind, ownerId: owner.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toStoredPhoto);
  }

  /**
   * Removes photos that nobody owns yet, row and files: for a request that stored some photos and
   * then failed, so its uploads do not linger. Owned photos are left alone.
   */
  async discard(photoIds: string[]): Promise<void> {
    const ids = photoIds.filter((id) => UUID.test(id));
    if (!ids.length) return;
    const rows = await this.photos.find({ where: { id: In(ids), ownerKind: IsNull() } });
    if (!rows.length) return;
    await this.photos.delete({ id: In(rows.map((row) => row.id)), ownerKind: IsNull() });
    await this.deleteFiles(rows);
  }

  /**
   * Removes photos uploaded before `cutoff` that no report or incident ever claimed (a form
   * abandoned after its upload), row and files; returns how many. The conditional DELETE decides:
   * a photo claimed at the same moment is either claimed or removed, never both.
   */
  async purgeUnclaimed(cutoff: Date): Promise<number> {
    const result = await this.photos
      .createQueryBuilder()
      .delete()
      .from(PhotoEntity)
      .where('owner_kind IS NULL AND created_at < :cutoff', { cutoff })
      // The string form: an array is read as entity property names, and unknown ones are dropped silently.
      .returning('storage_key, thumbnail_key')
      .execute();
    const rows = (result.raw as { storage_key: string; thumbnail_key: string }[]).map((row) => ({
      storageKey: row.storage_key,
      thumbnailKey: row.thumbnail_key,
    }));
    await this.deleteFiles(rows);
    return rows.length;
  }

  /** The stored JPEG of a photo or its thumbnail, as a stream; 404 when there is none. */
  async open(id: string, variant: PhotoVariant): Promise<{ stream: Readable; bytes: number | null }> {
    const row = UUID.test(id) ? await this.photos.findOneBy({ id }) : null;
    const stream = row && (await this.storage.get(variant === 'photo' ? row.storageKey : row.thumbnailKey));
    if (!row || !stream) throw new MediaException('PHOTO_NOT_FOUND', 'There is no such photo.');
    return { stream, bytes: variant === 'photo' ? row.bytes : null };
  }

  /** A file that cannot be removed now is only disk space; its row is gone, so nothing serves it. */
  private async deleteFiles(rows: Pick<PhotoEntity, 'storageKey' | 'thumbnailKey'>[]): Promise<void> {
    await Promise.allSettled(rows.flatMap((row) => [this.storage.delete(row.storageKey), this.storage.delete(row.thumbnailKey)]));
  }

  /**
   * Collects the upload, refusing it as soon as its first bytes show it is not an image we accept
   * (415) or it passes the size limit (413). Busboy already stops counting a multipart file at the
   * limit and emits `limit`; the byte count here covers any other stream. Held in memory only up
   * to the limit: sharp needs the whole encoded image, and the decoded pixels dwarf it anyway.
   */
  private readUpload(file: Readable, label: string): Promise<Buffer> {
    const maxBytes = this.maxBytes;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let typeChecked = false;
      let settled = false;

      const tooLarge = () =>
        new MediaException('PHOTO_TOO_LARGE', `${label} is larger than the limit of ${formatBytes(maxBytes)}.`);
      const checkType = (head: Buffer) => {
        typeChecked = true;
        const type = sniffImageType(head);
        if (type.accepted) return true;
        fail(new MediaException('PHOTO_TYPE_UNSUPPORTED', `${label} is ${type.description}; send a JPEG, PNG or WebP image.`));
        return false;
      };
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        file.off('data', onData).off('end', onEnd).off('error', onError).off('limit', onLimit);
        chunks.length = 0;
        outcome();
      };
      const fail = (error: unknown) =>
        finish(() => {
          // The rest is read and dropped, so the multipart parser reaches the next part or the end
          // of the request instead of stalling on a stream nobody reads.
          file.on('error', () => undefined).resume();
          reject(error);
        });
      const onLimit = () => fail(tooLarge());
      const onError = (error: Error) => fail(error);
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail(tooLarge());
        chunks.push(chunk);
        if (!typeChecked && size >= 16) checkType(Buffer.concat(chunks));
      };
      const onEnd = () => {
        if ((file as Readable & { truncated?: boolean }).truncated) return fail(tooLarge());
        const upload = Buffer.concat(chunks);
        if (!upload.length) return fail(new MediaException('PHOTO_MISSING', `${label} is empty.`));
        if (!typeChecked && !checkType(upload)) return;
        finish(() => resolve(upload));
      };

      file.on('limit', onLimit).on('error', onError).on('end', onEnd).on('data', onData);
    });
  }

  /**
   * Checks the pixel count from the header before anything is decoded (422), then decodes, turns
   * the image upright by its EXIF orientation and writes a fresh JPEG, which carries none of the
   * original's metadata: no EXIF, GPS, XMP, IPTC or ICC (colours are converted to sRGB first).
   */
  private async reencode(upload: Buffer, label: string) {
    const tooManyPixels = () =>
      new MediaException(
        'PHOTO_TOO_MANY_PIXELS',
        `${label} has more than ${(this.maxPixels / 1_000_000).toLocaleString('en')} megapixels; send a smaller image.`,
      );
    const unreadable = () => new MediaException('PHOTO_UNREADABLE', `${label} could not be read as an image; it may be damaged.`);

    let header: Metadata;
    try {
      header = await sharp(upload, { limitInputPixels: false }).metadata();
    } catch {
      throw unreadable();
    }
    if (!header.width || !header.height) throw unreadable();
    if (header.width * header.height > this.maxPixels) throw tooManyPixels();

    try {
      const photo = await sharp(upload, { limitInputPixels: this.maxPixels, failOn: 'error' })
        .rotate()
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 85, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      // From the re-encoded photo, which is upright already and decodes fast (JPEG shrink-on-load).
      const thumbnail = await sharp(photo.data)
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 75, mozjpeg: true })
        .toBuffer();
      return { photo: photo.data, thumbnail, width: photo.info.width, height: photo.info.height };
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
      throw unreadable();
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toStoredPhoto = (row: PhotoEntity): StoredPhoto => ({
  id: row.id,
  url: `/api/media/${row.id}`,
  thumbnailUrl: `/api/media/${row.id}/thumbnail`,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
});

const notAvailable = (ids: string[]) =>
  new MediaException('PHOTO_NOT_AVAILABLE', `These photos do not exist or already belong to something else: ${ids.join(', ')}.`);

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
