import type { briefingsPageVi } from './briefings.vi';

type Labels<T> = { [K in keyof T]: T[K] extends string ? string : Labels<T[K]> };

/** Labels of the briefings page in English: the same keys as `briefings.vi.ts`. */
export const briefingsPageEn: Labels<typeof briefingsPageVi> = {
  title: 'Weekly briefing',
  lead: "Make a week's briefing: PDF for leaders, XLSX and CSV for analysts. Last week's briefing is made automatically at 07:00 on Monday.",
  form: {
    legend: 'New briefing',
    week: 'Week',
    weekOption: 'Week {{number}} of {{year}} ({{from}} – {{to}})',
    currentWeek: '{{label}}, in progress',
    format: 'Format',
    formats: { pdf: 'PDF (leaders)', xlsx: 'XLSX (analysts)', csv: 'CSV, zipped (analysts)' },
    locale: 'Briefing language',
    locales: { vi: 'Vietnamese', en: 'English' },
    submit: 'Make briefing',
    submitting: 'Sending the request…',
  },
  progress: {
    label: 'Briefing progress',
    running: 'Making the briefing… {{percent}}%',
    done: 'The briefing is ready.',
    failed: 'The briefing could not be made.',
    waiting: 'Waiting for progress from the server…',
  },
  list: {
    title: 'Briefings made',
    empty: 'No briefings yet.',
    week: 'Week',
    format: 'Format',
    locale: 'Language',
    createdBy: 'Made by',
    createdAt: 'When',
    state: 'State',
    download: 'Download',
    downloadLabel: 'Download {{name}}',
    scheduler: 'Scheduled (Monday 07:00)',
    provisional: 'Provisional',
    provisionalHint: 'The week was not over when it was made: figures may still change.',
    states: { running: 'Running', done: 'Done', failed: 'Failed' },
    refresh: 'Refresh',
    size: '{{size}} KB',
  },
  downloadFailed: 'The briefing could not be downloaded: {{message}}',
};
