import { openAsBlob } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { problemSchema, storedPhotoSchema } from '@mekong-ioc/shared';
import { Clock } from '../../../infra/clock/clock';
import { TransactionRunner } from '../../../infra/database/transaction-runner';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { PhotoService } from '../photo.service';
import { UnclaimedPhotoSweeper } from '../unclaimed-photo-sweeper.service';

/** Small, so the oversized upload crosses it early; the default 10 MiB is a config value like any other. */
const PHOTO_MAX_BYTES = 1024 * 1024;
const OVERSIZED_BYTES = 60 * 1024 * 1024;

/** A JPEG with GPS (EXIF IFD3), an ICC profile, XMP and orientation 6 (stored upright: 300×400). */
const gpsJpeg = () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7bd5' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 21/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 21/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    .toBuffer();

/** True when the EXIF block's first IFD points to a GPS IFD (tag 0x8825): read by hand, so the check needs no EXIF library. */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  return Array.from({ length: u16(ifd0) }, (_, index) => u16(ifd0 + 2 + index * 12)).includes(0x8825);
}

let hugePng: Promise<Buffer> | undefined;
/** 48 megapixels of one colour: a few kilobytes that would decode to 144 MB. Made once per run. */
const hugePixelPng = () =>
  (hugePng ??= sharp({ limitInputPixels: false, create: { width: 8000, height: 6000, channels: 3, background: '#808080' } })
    .png({ compressionLevel: 9 })
    .toBuffer());

describeEachDatabase('photo uploads', (kind) => {
  let database: TestDatabase;
  let storageDir: string;
  let api: TestApp;
  let token: string;

  const upload = (files: { body: Blob; name: string }[]) => {
    const form = new FormData();
    for (const file of files) form.append('photo', file.body, file.name);
    return fetch(`${api.baseUrl}/api/media/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  };
  const jpegBlob = (bytes: Buffer) => new Blob([bytes], { type: 'image/jpeg' });
  const storedFiles = async () => (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const photoRows = async () =>
    Number((await api.app.get(DataSource).query<{ count: number }[]>('SELECT count(*)::int AS count FROM photos'))[0]?.count);
  const expectProblem = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(problemSchema.parse(await response.json()).code).toBe(code);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    storageDir = await mkdtemp(join(tmpdir(), 'mekong-ioc-media-'));
    api = await startTestApp(database.config, { STORAGE_DIR: storageDir, PHOTO_MAX_BYTES: String(PHOTO_MAX_BYTES) });
    token = (await api.login('truc')).accessToken;
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('refuses a renamed executable or script with 415 and stores nothing', async () => {
    const [rowsBefore, filesBefore] = [await photoRows(), (await storedFiles()).length];
    const elf = (await readFile(process.execPath)).subarray(0, 64 * 1024);
    for (const body of [elf, Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n')]) {
      await expectProblem(await upload([{ body: jpegBlob(body), name: 'photo.jpg' }]), 415, 'PHOTO_TYPE_UNSUPPORTED');
    }
    expect(await photoRows()).toBe(rowsBefore);
    expect(await storedFiles()).toHaveLength(filesBefore);
  });

  it('answers 413 to an oversized upload while it streams, without holding it in memory', async () => {
    // A real JPEG start, then 60 MB of zeros in a sparse file, sent as a hand-streamed multipart
    // body read from disk as it goes: the test's own side holds none of it either, and it can
    // count what had been sent when the answer came.
    const path = join(tmpdir(), `${storageDir.split('/').pop()}-oversized.jpg`);
    await writeFile(path, await gpsJpeg());
    await truncate(path, OVERSIZED_BYTES);
    const sendOversized = async () => {
      const boundary = `----photo${Date.now()}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      let sent = 0;
      const file = (await openAsBlob(path)).stream().getReader();
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode(head)),
        pull: async (controller) => {
          const { done, value } = await file.read();
          if (done) {
            controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
            return controller.close();
          }
          sent += value.length;
          controller.enqueue(value);
        },
        cancel: () => file.cancel(),
      });
      const response = await fetch(`${api.baseUrl}/api/media/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half',
      } as RequestInit);
      return { response, sentWhenAnswered: sent };
    };

    try {
      // Once unmeasured, so first-use allocations (code paths, pools) do not count as the upload's.
      await expectProblem((await sendOversized()).response, 413, 'PHOTO_TOO_LARGE');
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        const { response, sentWhenAnswered } = await sendOversized();
        await expectProblem(response, 413, 'PHOTO_TOO_LARGE');
        // Answered as the limit was passed, not after the whole body.
        expect(sentWhenAnswered).toBeLessThan(OVERSIZED_BYTES / 4);
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        clearInterval(sampler);
      }
      // Half the upload: had it been held, RSS would have grown by all of it. What growth there is
      // (heap settling, up to ~20 MB on a first run) does not scale with the upload.
      expect(peak - before).toBeLessThan(OVERSIZED_BYTES / 2);
      expect(await storedFiles()).toHaveLength((await photoRows()) * 2);
    } finally {
      await rm(path, { force: true });
    }
  });

  it('refuses an image of too many pixels with 422 before decoding it', async () => {
    const png = await hugePixelPng();
    expect(png.length).toBeLessThan(PHOTO_MAX_BYTES);
    await expectProblem(await upload([{ body: new Blob([png], { type: 'image/png' }), name: 'bomb.png' }]), 422, 'PHOTO_TOO_MANY_PIXELS');
  });

  it('stores a GPS-tagged JPEG without any metadata, under random names, and serves it with nosniff', async () => {
    const source = await gpsJpeg();
    const sourceMetadata = await sharp(source).metadata();
    expect(hasGpsIfd(sourceMetadata.exif)).toBe(true);
    expect(sourceMetadata).toMatchObject({ orientation: 6, icc: expect.any(Buffer), xmp: expect.any(Buffer) });

    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#ff000080' } }).png().toBuffer();
    const response = await upload([
      { body: jpegBlob(source), name: 'nha-toi-o-day.jpg' },
      { body: new Blob([png], { type: 'image/png' }), name: 'nha-toi-o-day.png' },
    ]);
    expect(response.status).toBe(201);
    const [photo, second] = storedPhotoSchema.array().length(2).parse(await response.json());
    expect(photo).toMatchObject({ url: `/api/media/${photo?.id}`, thumbnailUrl: `/api/media/${photo?.id}/thumbnail`, width: 300, height: 400 });
    expect(second).toMatchObject({ width: 50, height: 40 });

    for (const [path, size] of [[photo?.url, [300, 400]], [photo?.thumbnailUrl, [240, 320]]] as const) {
      const served = await fetch(`${api.baseUrl}${path}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('cache-control')).toMatch(/immutable/);
      const bytes = Buffer.from(await served.arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      expect(metadata).toMatchObject({ format: 'jpeg', width: size[0], height: size[1] });
      for (const field of ['exif', 'icc', 'xmp', 'iptc', 'orientation'] as const) expect(metadata[field]).toBeUndefined();
      expect(bytes.includes('Exif\0\0', 0, 'latin1')).toBe(false);
    }

    const names = (await storedFiles()).map((entry) => entry.name);
    expect(names.some((name) => name.includes('nha-toi'))).toBe(false);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{32}\.jpg$/);
  });

  it('answers 404 for an unknown photo and a clear 4xx to multipart sent where none is expected', async () => {
    await expectProblem(await fetch(`${api.baseUrl}/api/media/00000000-0000-4000-8000-000000000000`), 404, 'PHOTO_NOT_FOUND');
    await expectProblem(await fetch(`${api.baseUrl}/api/media/not-a-uuid/thumbnail`), 404, 'PHOTO_NOT_FOUND');
    const form = new FormData();
    form.append('username', 'truc');
    form.append('photo', jpegBlob(await gpsJpeg()), 'a.jpg');
    const response = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', body: form });
    expect(response.status).toBe(415);
    expect(problemSchema.parse(await response.json()).detail).toMatch(/does not take multipart/);
  });

  it('answers 400 to a body that is not well-formed multipart, and stores nothing', async () => {
    const [rowsBefore, filesBefore] = [await photoRows(), (await storedFiles()).length];
    const boundary = 'mekong-ioc-broken';
    const bodies = [
      // Cut short in the middle of a part.
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`,
      // A part header without its blank line.
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"\r\n--${boundary}--\r\n`,
    ];
    for (const body of bodies) {
      const response = await fetch(`${api.baseUrl}/api/media/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      await response.arrayBuffer();
    }
    expect(await photoRows()).toBe(rowsBefore);
    expect(await storedFiles()).toHaveLength(filesBefore);
  });

  it('attaches photos to an owner inside a transaction, and only photos nobody owns', async () => {
    const response = await upload([
      { body: jpegBlob(await gpsJpeg()), name: 'a.jpg' },
      { body: jpegBlob(await gpsJpeg()), name: 'b.jpg' },
    ]);
    const ids = storedPhotoSchema.array().parse(await response.json()).map((photo) => photo.id);
    const photos = api.app.get(PhotoService);
    const transactions = api.app.get(TransactionRunner);
    const incident = { kind: 'incident', id: `incident-${kind}` } as const;

    // Rolled back: the photos stay free.
    await expect(
      transactions.run(async (manager) => {
        await photos.attach(manager, ids, incident);
        expect(await photos.listFor(incident, manager)).toHaveLength(2);
        throw new Error('the incident could not be saved');
      }),
    ).rejects.toThrow('the incident could not be saved');
    expect(await photos.listFor(incident)).toEqual([]);

    await transactions.run((manager) => photos.attach(manager, ids, incident));
    expect((await photos.listFor(incident)).map((photo) => photo.id).sort()).toEqual([...ids].sort());

    const report = { kind: 'citizen_report', id: `report-${kind}` } as const;
    await expect(transactions.run((manager) => photos.attach(manager, [ids[0] ?? ''], report))).rejects.toMatchObject({
      code: 'PHOTO_NOT_AVAILABLE',
      status: 422,
    });
    expect(await photos.listFor(report)).toEqual([]);
  });
  it('removes a photo nothing claimed once PHOTO_UNCLAIMED_HOURS have passed, and never an owned one', async () => {
    const uploaded = await upload([
      { body: jpegBlob(await gpsJpeg()), name: 'left.jpg' },
      { body: jpegBlob(await gpsJpeg()), name: 'kept.jpg' },
    ]);
    const [photo, kept] = storedPhotoSchema.array().parse(await uploaded.json());
    if (!photo || !kept) throw new Error('upload answered fewer than two photos');
    const owner = { kind: 'incident', id: `incident-sweep-${kind}` } as const;
    await api.app.get(TransactionRunner).run((manager) => api.app.get(PhotoService).attach(manager, [kept.id], owner));
    const dataSource = api.app.get(DataSource);
    const ownedBefore = await dataSource.query<{ id: string }[]>('SELECT id FROM photos WHERE owner_kind IS NOT NULL ORDER BY id');
    expect(ownedBefore).toContainEqual({ id: kept.id });
    const [{ created_ms: createdMs } = { created_ms: NaN }] = await dataSource.query<{ created_ms: number }[]>(
      'SELECT (extract(epoch FROM created_at) * 1000)::float8 AS created_ms FROM photos WHERE id = $1',
      [photo.id],
    );
    const ttlMs = api.config.media.unclaimedPhotoTtlMs;
    const clock = api.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const sweeper = api.app.get(UnclaimedPhotoSweeper);
    const filesBefore = (await storedFiles()).length;
    try {
      clock.now = () => new Date(createdMs + ttlMs - 60_000);
      await sweeper.sweepNow();
      expect((await fetch(`${api.baseUrl}${photo.url}`)).status).toBe(200);

      clock.now = () => new Date(createdMs + ttlMs + 1_000);
      expect(await sweeper.sweepNow()).toBeGreaterThanOrEqual(1);
    } finally {
      clock.now = realNow;
    }
    expect((await fetch(`${api.baseUrl}${photo.url}`)).status).toBe(404);
    expect((await fetch(`${api.baseUrl}${photo.thumbnailUrl}`)).status).toBe(404);
    expect(await dataSource.query('SELECT id FROM photos WHERE owner_kind IS NOT NULL ORDER BY id')).toEqual(ownedBefore);
    expect(await dataSource.query('SELECT id FROM photos WHERE owner_kind IS NULL')).toEqual([]);
    // Its photo and thumbnail files went with it (and those of any other unclaimed photo).
    expect((await storedFiles()).length).toBeLessThanOrEqual(filesBefore - 2);
    expect((await storedFiles()).length).toBe(ownedBefore.length * 2);
  });
});
