import { isoWeekOf, parseIsoWeek, previousIsoWeek, VIETNAM_UTC_OFFSET_MS } from '@mekong-ioc/shared';

export interface WeekOption {
  week: string;
  year: number;
  number: number;
  /** dd/MM of the week's Monday and Sunday, local time. */
  from: string;
  to: string;
  current: boolean;
}

const dayMonth = (at: Date): string => {
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  return `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The week in progress and the `count` weeks before it, newest first (weeks not begun cannot be asked for). */
export function weekOptions(now: Date, count = 12): WeekOption[] {
  const options: WeekOption[] = [];
  let week = isoWeekOf(now).week;
  for (let i = 0; i <= count; i++) {
    const window = parseIsoWeek(week);
    if (!window) break;
    const { year, number } = isoWeekOf(window.from);
    options.push({ week, year, number, from: dayMonth(window.from), to: dayMonth(new Date(window.to.getTime() - 1)), current: i === 0 });
    week = previousIsoWeek(week);
  }
  return options;
}

/** Last week: the one the Monday meeting discusses. */
export const defaultWeek = (now: Date): string => previousIsoWeek(isoWeekOf(now).week);
