import { isoWeekOf, parseIsoWeek, previousIsoWeek } from '@mekong-ioc/shared';
import { kpiChangeSentence } from './kpi-change-sentence.util';
import { BriefingScheduler } from './briefing-scheduler.service';

const overdue = { label: { vi: 'Phản ánh quá hạn', en: 'Overdue reports' }, unit: '', additive: true };
const byZone = [
  { dimension: 'zone' as const, key: 'central', value: 3 },
  { dimension: 'zone' as const, key: 'west', value: 19 },
];

describe('KPI change sentences', () => {
  it('names a notable rise and the zone it mostly comes from, in both languages', () => {
    expect(kpiChangeSentence({ ...overdue, value: 27, previousWeek: 20, breakdown: byZone }, 'vi')).toBe(
      'Phản ánh quá hạn tăng 35% so với tuần trước, chủ yếu ở khu đô thị phía Tây.',
    );
    expect(kpiChangeSentence({ ...overdue, value: 27, previousWeek: 20, breakdown: byZone }, 'en')).toBe(
      'Overdue reports rose 35% on the previous week, mostly in the West zone.',
    );
  });

  it('stays silent on small changes and missing weeks; rates move by points; a fall names no zone', () => {
    expect(kpiChangeSentence({ ...overdue, value: 21, previousWeek: 20 }, 'vi')).toBeNull();
    expect(kpiChangeSentence({ ...overdue, value: null, previousWeek: 20 }, 'vi')).toBeNull();
    expect(kpiChangeSentence({ ...overdue, value: 10, previousWeek: 20, breakdown: byZone }, 'vi')).toBe('Phản ánh quá hạn giảm 50% so với tuần trước.');
    const rate = { label: { vi: 'Tỷ lệ đạt SLA', en: 'Within SLA' }, unit: '%', additive: false };
    expect(kpiChangeSentence({ ...rate, value: 88.5, previousWeek: 92 }, 'vi')).toBe('Tỷ lệ đạt SLA giảm 3,5 điểm phần trăm so với tuần trước (từ 92,0% xuống 88,5%).');
    expect(kpiChangeSentence({ ...rate, value: 91, previousWeek: 92 }, 'en')).toBeNull();
    // A worst value has no contributors.
    expect(kpiChangeSentence({ ...overdue, additive: false, value: 40, previousWeek: 20, breakdown: byZone }, 'en')).toBe('Overdue reports rose 100% on the previous week.');
  });
});

describe('ISO weeks in Asia/Ho_Chi_Minh and the Monday 07:00 schedule', () => {
  it('bounds a week by local Mondays and knows which weeks exist', () => {
    expect(parseIsoWeek('2026-W01')).toEqual({ week: '2026-W01', from: new Date('2025-12-28T17:00:00Z'), to: new Date('2026-01-04T17:00:00Z') });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W53')?.to).toEqual(new Date('2027-01-03T17:00:00Z'));
    expect(parseIsoWeek('2026-W60')).toBeNull();
    expect(parseIsoWeek('2020-W53')?.from).toEqual(new Date('2020-12-27T17:00:00Z'));
    expect(previousIsoWeek('2021-W01')).toBe('2020-W53');
    // Sunday 23:30 local is still the old week; Monday 00:30 local (Sunday 17:30 UTC) the new one.
    expect(isoWeekOf(new Date('2026-01-04T16:30:00Z')).week).toBe('2026-W01');
    expect(isoWeekOf(new Date('2026-01-04T17:30:00Z')).week).toBe('2026-W02');
  });

  it('makes last week due from Monday 07:00 local', () => {
    expect(BriefingScheduler.dueWeek(new Date('2026-01-04T23:59:00Z'))).toBeNull(); // Monday 06:59 local
    expect(BriefingScheduler.dueWeek(new Date('2026-01-05T00:00:00Z'))).toBe('2026-W01'); // Monday 07:00 local
    expect(BriefingScheduler.dueWeek(new Date('2026-01-10T12:00:00Z'))).toBe('2026-W01');
  });
});
