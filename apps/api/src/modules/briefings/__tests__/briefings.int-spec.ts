import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  briefingListSchema,
  briefingProgressSchema,
  createBriefingResponseSchema,
  isoWeekOf,
  parseIsoWeek,
  problemSchema,
  type BriefingListItem,
  type BriefingProgress,
  type IsoWeekWindow,
  type Session,
} from '@mekong-ioc/shared';
import { Clock } from '../../../infra/clock/clock';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test-support/test-database';
import { KpiService } from '../../kpis/kpi.service';
import { connected, connectLive, subscribe, type LiveTestSocket } from '../../realtime/__tests__/live-test-client';
import { BriefingScheduler } from '../briefing-scheduler.service';
import { readZip } from './read-zip';

/** tmp/ at the repository root, beside the e2e screenshots. */
const ARTIFACT_DIR = join(__dirname, '..', '..', '..', '..', '..', '..', 'tmp', 'briefings');
/** Debian's poppler-utils renders the PDF's pages to PNG artifacts; `.ci/run` installs it. */
const PDFTOPPM = '/usr/bin/pdftoppm';

/** Renders every page to tmp/briefings/<name>-<page>.png and returns the file names. */
async function renderPages(pdfPath: string, name: string): Promise<string[]> {
  if (!existsSync(PDFTOPPM)) {
    if (process.env['CI'] === 'true') throw new Error(`${PDFTOPPM} is missing (apt-get install poppler-utils)`);
    console.warn(`\n!!! ${PDFTOPPM} is missing: the briefing's pages are NOT rendered to PNG in this run !!!\n`);
    return [];
  }
  await promisify(execFile)(PDFTOPPM, ['-png', '-r', '60', pdfPath, join(ARTIFACT_DIR, name)]);
  return (await readdir(ARTIFACT_DIR)).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'));
}
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

type Who = 'leader' | 'officer' | 'admin' | 'responder' | 'wall';

describeEachDatabase('weekly briefings', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  let db: DataSource;
  const sessions = {} as Record<Who, Session>;
  // A week that is over, two weeks back, so the previous week is over too and data of both fits.
  const week = isoWeekOf(new Date(Date.now() - 14 * DAY)).week;
  const window = parseIsoWeek(week) as IsoWeekWindow;
  const at = (day: number, hour: number, minute = 0) => new Date(window.from.getTime() + day * DAY + hour * HOUR + minute * MINUTE);
  const devices = {} as Record<'air' | 'gauge' | 'salinity' | 'traffic' | 'camera' | 'dossier', { id: string; name_vi: string }>;

  const call = (who: Who, method: string, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${sessions[who].accessToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const list = async (): Promise<BriefingListItem[]> => {
    const response = await call('leader', 'GET', '/briefings');
    expect(response.status).toBe(200);
    return briefingListSchema.parse(await response.json()).items;
  };

  const finished = async (jobId: string): Promise<BriefingListItem> => {
    const started = Date.now();
    for (;;) {
      const item = (await list()).find((candidate) => candidate.id === jobId);
      if (item && item.state !== 'running') return item;
      if (Date.now() - started > 90_000) throw new Error(`briefing ${jobId} still running`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const generate = async (format: string, locale = 'vi', forWeek = week): Promise<{ item: BriefingListItem; file: Buffer; response: Response }> => {
    const created = await call('leader', 'POST', '/briefings', { week: forWeek, format, locale });
    expect(created.status).toBe(202);
    const { jobId } = createBriefingResponseSchema.parse(await created.json());
    const item = await finished(jobId);
    expect({ state: item.state, error: item.error }).toEqual({ state: 'done', error: null });
    const response = await call('leader', 'GET', `/briefings/${jobId}/file`);
    expect(response.status).toBe(200);
    return { item, file: Buffer.from(await response.arrayBuffer()), response };
  };

  async function seed(): Promise<void> {
    const first = async (where: string) => {
      const [row] = await db.query<{ id: string; name_vi: string }[]>(`SELECT id, name_vi FROM devices WHERE ${where} ORDER BY id LIMIT 1`);
      if (!row) throw new Error(`no demo device where ${where}`);
      return row;
    };
    devices.air = await first(`kind = 'air'`);
    devices.gauge = await first(`kind = 'river_level'`);
    devices.salinity = await first(`kind = 'salinity'`);
    devices.traffic = await first(`feed = 'traffic' AND group_id LIKE 'seg-ql1-%'`);
    devices.camera = await first(`feed = 'camera' AND kind = 'traffic'`);
    devices.dossier = await first(`feed = 'dossier'`);

    const rollups: [string, string, Date, number, number][] = [];
    // PM2.5 constant within each local day, rising 15 µg/m³ a day: VN_AQI 40, 70, 100, 125, 150, 161, 171.
    for (let day = 0; day < 7; day++) for (let hour = 0; hour < 24; hour++) rollups.push([devices.air.id, 'pm25', at(day, hour), 1, 20 + 15 * day]);
    // Water level 120 cm at a quarter to each hour; 30 min at 160 (alarm I) on day 2; 20 min at 182 (alarm III) on day 4.
    for (let hour = 0; hour < 7 * 24; hour++) rollups.push([devices.gauge.id, 'water_level', at(0, hour, 45), 1, 120]);
    for (let minute = 0; minute < 30; minute++) rollups.push([devices.gauge.id, 'water_level', at(2, 10, minute), 1, 160]);
    for (let minute = 0; minute < 20; minute++) rollups.push([devices.gauge.id, 'water_level', at(4, 3, minute), 1, 182]);
    // Salinity 0.4 ‰, and 90 minutes at 2.5 ‰ (above the 1 ‰ warning, below the 4 ‰ critical limit).
    for (let hour = 0; hour < 7 * 24; hour++) rollups.push([devices.salinity.id, 'salinity', at(0, hour, 45), 1, 0.4]);
    for (let minute = 0; minute < 90; minute++) rollups.push([devices.salinity.id, 'salinity', at(1, 14, minute), 1, 2.5]);
    // QL1 (free flow 60 km/h): 20 hours at 30 km/h (congestion index 0.5), the rest at 55.
    for (let hour = 0; hour < 7 * 24; hour++) rollups.push([devices.traffic.id, 'mean_speed', at(0, hour), 1, hour < 20 ? 30 : 55]);
    // One camera online (a heartbeat a minute) for the first half of the week.
    for (let minute = 0; minute < 84 * 60; minute++) rollups.push([devices.camera.id, 'online', at(0, 0, minute), 1, 1]);
    // A one-stop office: 100 received, 90 on time, 10 late, 3 overdue.
    rollups.push([devices.dossier.id, 'received', at(0, 9), 1, 100], [devices.dossier.id, 'resolved_on_time', at(0, 9), 1, 90]);
    rollups.push([devices.dossier.id, 'resolved_late', at(0, 9), 1, 10], [devices.dossier.id, 'overdue', at(0, 9), 1, 3]);
    // A minute of an episode replaces the baseline's reading of that minute.
    const unique = [...new Map(rollups.map((r) => [`${r[0]}|${r[1]}|${r[2].toISOString()}`, r])).values()];
    for (let i = 0; i < unique.length; i += 2000) {
      const chunk = unique.slice(i, i + 2000);
      await db.query(
        `INSERT INTO reading_rollups_1m (device_id, metric, bucket, count, min, max, sum, last_value, last_observed_at)
         SELECT d, m, b, c, v, v, v * c, v, b FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::float8[]) AS t(d, m, b, c, v)`,
        [chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2].toISOString()), chunk.map((r) => r[3]), chunk.map((r) => r[4])],
      );
    }

    // Incidents: created, resolved in time or late, still open, a duplicate (not counted), and one each the week before and after.
    const incident = async (ref: string, category: string, zone: string, priority: string, created: Date, status: string, resolvedAfterH: number | null, mergedInto?: string) => {
      const [row] = await db.query<{ id: string }[]>(
        `INSERT INTO incidents (reference, category, priority, status, source, title, description, zone, lat, lon, merged_into_id,
                                last_reported_at, dispatch_deadline, resolve_deadline, dispatched_at, resolved_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'citizen_report', 'Sự cố thử', 'Mô tả', $5, 10.355, 106.34, $6, $7, $8, $9, $10, $11, $7, $7) RETURNING id`,
        [
          ref, category, priority, status, zone, mergedInto ?? null, created.toISOString(),
          new Date(created.getTime() + 15 * MINUTE).toISOString(), new Date(created.getTime() + 4 * HOUR).toISOString(),
          resolvedAfterH === null && status !== 'dispatched' ? null : new Date(created.getTime() + 10 * MINUTE).toISOString(),
          resolvedAfterH === null ? null : new Date(created.getTime() + resolvedAfterH * HOUR).toISOString(),
        ],
      );
      return row?.id ?? '';
    };
    const ids = [
      await incident('SC-900001', 'road_damage', 'west', 'P3', at(0, 8), 'closed', 2),
      await incident('SC-900002', 'road_damage', 'west', 'P3', at(1, 9), 'resolved', 6),
      await incident('SC-900003', 'flooding', 'central', 'P2', at(2, 10), 'closed', 1),
      await incident('SC-900004', 'waste_environment', 'east', 'P3', at(3, 11), 'verified', null),
      await incident('SC-900005', 'public_order', 'west', 'P2', at(4, 12), 'dispatched', null),
      await incident('SC-900006', 'trees', 'northwest', 'P4', at(5, 13), 'resolved', 3),
    ];
    await incident('SC-900007', 'road_damage', 'west', 'P3', at(0, 9), 'duplicate', null, ids[0]);
    await incident('SC-900008', 'road_damage', 'west', 'P3', at(-3, 9), 'closed', 1);
    await incident('SC-900009', 'road_damage', 'west', 'P3', at(8, 9), 'closed', 1);
    const report = async (n: number, category: string, created: Date, incidentId: string) =>
      db.query(
        `INSERT INTO citizen_reports (tracking_code, channel, category, lat, lon, locale, incident_id, created_at, updated_at)
         VALUES ($1, 'web', $2, 10.355, 106.34, 'vi', $3, $4, $4)`,
        [`BRF${String(n).padStart(7, '0')}`, category, incidentId, created.toISOString()],
      );
    await report(1, 'road_damage', at(0, 8), ids[0] ?? '');
    await report(2, 'road_damage', at(0, 8, 30), ids[0] ?? '');
    await report(3, 'road_damage', at(1, 9), ids[1] ?? '');
    await report(4, 'waste_environment', at(3, 11), ids[3] ?? '');
    await report(5, 'public_order', at(4, 12), ids[4] ?? '');
    await report(6, 'road_damage', at(-3, 9), ids[0] ?? '');
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    db = api.app.get(DataSource);
    sessions.leader = await api.login('lanhdao');
    sessions.officer = await api.login('truc');
    sessions.admin = await api.login('admin');
    sessions.responder = await api.login('csgt');
    sessions.wall = await api.login('manhinh');
    await seed();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('answers a bad week, a week not begun, and an unknown format with a clear 400', async () => {
    const future = isoWeekOf(new Date(Date.now() + 14 * DAY)).week;
    for (const body of [{ week: '2026-W60', format: 'pdf' }, { week: future, format: 'pdf' }, { week, format: 'docx' }, { week: '2026-7', format: 'pdf' }]) {
      const response = await call('leader', 'POST', '/briefings', body);
      expect(response.status).toBe(400);
      const problem = problemSchema.parse(await response.json());
      expect(problem.code).toMatch(/^BRIEFING_(REQUEST_INVALID|WEEK_IN_FUTURE)$/);
      expect(problem.errors?.length).toBeGreaterThan(0);
    }
  });

  it('lets leaders, duty officers and admins make and list briefings, and refuses responders and the wall', async () => {
    for (const who of ['responder', 'wall'] as const) {
      expect((await call(who, 'POST', '/briefings', { week, format: 'pdf' })).status).toBe(403);
      expect((await call(who, 'GET', '/briefings')).status).toBe(403);
      expect((await call(who, 'GET', '/briefings/00000000-0000-4000-8000-000000000000/file')).status).toBe(403);
    }
    for (const who of ['officer', 'admin'] as const) expect((await call(who, 'GET', '/briefings')).status).toBe(200);
    expect((await call('officer', 'GET', '/briefings/00000000-0000-4000-8000-000000000000/file')).status).toBe(404);
  });

  it('makes the PDF with progress on the live topic: Vietnamese intact, embedded Be Vietnam Pro, page numbers, the KPI service figures', async () => {
    const socket: LiveTestSocket = connectLive(api.baseUrl, { token: sessions.leader.accessToken });
    const progress: BriefingProgress[] = [];
    socket.on('live:delta', (delta) => {
      if (delta.topic === 'briefings') progress.push(briefingProgressSchema.parse(delta.payload));
    });
    try {
      await connected(socket);
      expect((await subscribe(socket, 'briefings')).ok).toBe(true);
      const { item, file, response } = await generate('pdf');
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="giao-ban-tuan-${week}.pdf"; filename*=UTF-8''${encodeURIComponent(`Báo cáo giao ban tuần ${week}.pdf`)}`,
      );
      expect(item).toMatchObject({ week, format: 'pdf', locale: 'vi', provisional: false, createdBy: { id: sessions.leader.user.id } });
      expect(item.sizeBytes).toBe(file.length);

      // Progress came over the socket, only forwards, and ended done.
      const mine = progress.filter((event) => event.jobId === item.id);
      expect(mine.at(-1)).toEqual({ jobId: item.id, progress: 1, state: 'done' });
      expect(mine.map((event) => event.progress)).toEqual([...mine.map((event) => event.progress)].sort((a, b) => a - b));

      // Kept as a test artifact, to look at (and render to PNG) after the run.
      await mkdir(ARTIFACT_DIR, { recursive: true });
      await writeFile(join(ARTIFACT_DIR, `briefing-${kind}.pdf`), file);
      expect(file.subarray(0, 5).toString()).toBe('%PDF-');
      const renderedPages = await renderPages(join(ARTIFACT_DIR, `briefing-${kind}.pdf`), `briefing-${kind}`);
      expect(file.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+BeVietnamPro-Regular/);
      const pdf = await getDocumentProxy(new Uint8Array(file));
      const { totalPages, text: pages } = await extractText(pdf, { mergePages: false });
      const text = pages.join('\n');
      expect(totalPages).toBeGreaterThanOrEqual(8);
      if (existsSync(PDFTOPPM)) expect(renderedPages).toHaveLength(totalPages);
      expect(text).toContain(week);
      for (const phrase of ['Báo cáo giao ban tuần', 'Phản ánh', 'Khu đô thị phía Tây', 'Tỷ lệ đạt SLA', 'Độ mặn', 'Mục tiêu kế hoạch 2030', 'chưa có số liệu', 'chưa thu thập']) {
        expect(text).toContain(phrase);
      }
      expect(pages[0]).toContain(`Trang 1/${totalPages}`);
      expect(pages[totalPages - 1]).toContain(`Trang ${totalPages}/${totalPages}`);
      expect(pages[totalPages - 1]).toContain('Nguồn số liệu');
      expect(pages[totalPages - 1]).toContain('Thời điểm lập báo cáo');

      // The same numbers as the KPI service over the week, and as SQL over the raw tables.
      const [kpi] = await api.app.get(KpiService).compute({ ids: ['reports.received_today'], from: window.from, to: window.to });
      expect(kpi?.value).not.toBeNull();
      expect(text).toMatch(new RegExp(`Phản ánh tiếp nhận trong tuần\\s+${kpi?.value ?? 'x'}\\b`));
      const [reports] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM citizen_reports WHERE created_at >= $1 AND created_at < $2`, [
        window.from.toISOString(),
        window.to.toISOString(),
      ]);
      expect(text).toContain(`Phản ánh tiếp nhận trong tuần: ${reports?.n}`);
    } finally {
      socket.close();
    }
  });

  it('makes the XLSX: a sheet per section, typed numbers and dates, frozen headers, set widths, figures matching SQL', async () => {
    const { file, response } = await generate('xlsx');
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(
      expect.arrayContaining(['Chỉ số', 'Sự cố theo lĩnh vực', 'Sự cố theo khu', 'Sự cố theo cơ quan', 'Tuân thủ SLA', 'Tồn đọng lâu nhất', 'Phản ánh',
        'VN_AQI theo mức', 'VN_AQI theo ngày', 'Mực nước', 'Độ mặn', 'Ùn tắc giao thông', 'Camera', 'Hồ sơ TTHC', 'Mục tiêu 2030']),
    );
    expect(names).toHaveLength(16);
    for (const sheet of workbook.worksheets) {
      expect({ sheet: sheet.name, view: sheet.views[0] }).toMatchObject({ sheet: sheet.name, view: { state: 'frozen', ySplit: 1 } });
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      sheet.eachRow((row, number) => number > 1 && rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };

    const [sql] = await db.query<{ created: number; west: number }[]>(
      `SELECT count(*)::int AS created, count(*) FILTER (WHERE zone = 'west')::int AS west FROM incidents
        WHERE created_at >= $1 AND created_at < $2 AND status NOT IN ('duplicate', 'rejected')`,
      [window.from.toISOString(), window.to.toISOString()],
    );
    const byCategory = rowsOf('Sự cố theo lĩnh vực');
    expect(byCategory.every((row) => typeof row[1] === 'number')).toBe(true);
    expect(byCategory.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(sql?.created);
    expect(rowsOf('Sự cố theo khu').find((row) => row[0] === 'Khu đô thị phía Tây')?.[1]).toBe(sql?.west);
    // The total: 5 of 6 dispatched within 15 min (one never was); 3 of the 6 due resolved within 4 h.
    expect(rowsOf('Tuân thủ SLA').at(-1)).toEqual(['Tất cả', 6, 6, 83.3, 6, 3, 50]);

    const longest = rowsOf('Tồn đọng lâu nhất');
    expect(longest.map((row) => row[0])).toEqual(['SC-900004', 'SC-900005']);
    expect(longest[0]?.[6]).toBeInstanceOf(Date);

    const daily = rowsOf('VN_AQI theo ngày');
    expect(daily).toHaveLength(7);
    expect(daily.every((row) => row[0] instanceof Date)).toBe(true);
    expect(daily.map((row) => row[1])).toEqual([40, 70, 100, 125, 150, 161, 171]);
    expect(Object.fromEntries(rowsOf('VN_AQI theo mức').map((row) => [row[0], row[2]]))).toMatchObject({ 'Tốt': 1, 'Trung bình': 2, 'Kém': 2, 'Xấu': 2 });

    const gauge = rowsOf('Mực nước').find((row) => row[0] === devices.gauge.name_vi);
    expect(gauge).toEqual([devices.gauge.name_vi, 182, 150, 165, 180, 3, 2, 0.8, 0.3]);
    expect(rowsOf('Độ mặn').find((row) => row[0] === devices.salinity.name_vi)?.slice(1)).toEqual([2.5, expect.any(Number), 1, 4, 1.5, 0]);
    expect(rowsOf('Ùn tắc giao thông')[0]?.slice(0, 3)).toEqual(['Quốc lộ 1', expect.any(Number), 20]);
    expect(rowsOf('Hồ sơ TTHC').at(-1)).toEqual(['Tất cả', 100, 90, 10, 3, 90]);
    const kpiRow = rowsOf('Chỉ số').find((row) => row[0] === 'Phản ánh tiếp nhận trong tuần');
    const [kpi] = await api.app.get(KpiService).compute({ ids: ['reports.received_today'], from: window.from, to: window.to });
    expect(kpiRow?.[2]).toBe(kpi?.value);
    expect(rowsOf('Mục tiêu 2030').map((row) => row[5])).toEqual(['chưa có số liệu', 'chưa có số liệu', 'chưa có số liệu']);
  });

  it('makes the CSV zip: one BOM-prefixed UTF-8 file per section, Vietnamese intact; English on request', async () => {
    const { file, response } = await generate('csv');
    expect(response.headers.get('content-type')).toBe('application/zip');
    const entries = readZip(file);
    const csvs = [...entries.keys()].filter((name) => name.endsWith('.csv'));
    expect(csvs).toHaveLength(15);
    expect(csvs[0]).toBe('01-kpi-summary.csv');
    for (const name of csvs) expect([...(entries.get(name) ?? Buffer.alloc(0)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const byZone = entries.get('03-incidents-by-zone.csv')?.toString('utf8') ?? '';
    expect(byZone.split('\r\n')[0]).toBe('\uFEFFKhu đô thị,Phát sinh,Đã xử lý,Đạt SLA (%),Xử lý TB (giờ)');
    expect(byZone).toContain('Khu đô thị phía Tây,3,');
    expect(entries.get('09-aqi-daily.csv')?.toString('utf8').split('\r\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},40,Tốt,/);

    const english = await generate('xlsx', 'en');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(english.file as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('KPIs')?.getRow(1).getCell(1).value).toBe('Indicator');
    expect(english.response.headers.get('content-disposition')).toContain(`filename="weekly-briefing-${week}.xlsx"`);
  });

  it('marks a briefing of the week not yet over as provisional', async () => {
    const current = isoWeekOf(new Date()).week;
    const created = await call('officer', 'POST', '/briefings', { week: current, format: 'csv' });
    expect(created.status).toBe(202);
    const answer = createBriefingResponseSchema.parse(await created.json());
    expect(answer.provisional).toBe(true);
    const item = await finished(answer.jobId);
    expect(item).toMatchObject({ week: current, provisional: true, state: 'done' });
    const readme = readZip(Buffer.from(await (await call('officer', 'GET', `/briefings/${item.id}/file`)).arrayBuffer())).get('README.txt');
    expect(readme?.toString('utf8')).toContain('TẠM THỜI');
  });

  it('makes last week\'s PDF and XLSX from Monday 07:00 local, once', async () => {
    const clock = api.app.get(Clock);
    const scheduler = api.app.get(BriefingScheduler);
    // The Monday after the seeded week: 06:59 local is too early, 07:00 is due.
    const monday = window.to.getTime();
    const fake = { now: new Date(monday + 7 * HOUR - MINUTE) };
    const realNow = clock.now.bind(clock);
    clock.now = () => fake.now;
    try {
      expect(await scheduler.tick()).toEqual([]);
      fake.now = new Date(monday + 7 * HOUR);
      const started = await scheduler.tick();
      expect(started).toHaveLength(2);
      expect(await scheduler.tick()).toEqual([]);
      for (const id of started) expect(await finished(id)).toMatchObject({ week, createdBy: null, provisional: false, state: 'done' });
      fake.now = new Date(monday + 2 * DAY);
      expect(await scheduler.tick()).toEqual([]);
      const scheduled = (await list()).filter((item) => item.createdBy === null && item.week === week);
      expect(scheduled.map((item) => item.format).sort()).toEqual(['pdf', 'xlsx']);
    } finally {
      clock.now = realNow;
    }
  });
});
