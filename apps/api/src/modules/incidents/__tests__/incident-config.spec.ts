import { DEFAULT_SLA_MINUTES } from '@mekong-ioc/shared';
import { ConfigError, loadConfig } from '../../../config/app-config';
import { slaDeadlines } from '../sla-deadlines.util';

const SECRET = 'x'.repeat(40);

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ JWT_SECRET: SECRET, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('incident configuration', () => {
  it('defaults to the shared SLA table, 150 m and 2 hours, and no SLA timer under test', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'test' });
    expect(config.incidents).toEqual({ slaMinutes: DEFAULT_SLA_MINUTES, slaCheckIntervalMs: 0, fusionRadiusMeters: 150, fusionWindowMinutes: 120 });
    expect(loadConfig({ JWT_SECRET: SECRET }).incidents.slaCheckIntervalMs).toBe(30_000);
  });

  it('overrides the SLA per priority and keeps the rest', () => {
    const { slaMinutes } = loadConfig({ JWT_SECRET: SECRET, SLA_MINUTES: '{"P1":{"dispatch":5},"P4":{"dispatch":60,"resolve":600}}' }).incidents;
    expect(slaMinutes).toEqual({ ...DEFAULT_SLA_MINUTES, P1: { dispatch: 5, resolve: 120 }, P4: { dispatch: 60, resolve: 600 } });
    const opened = new Date('2026-11-26T08:00:00+07:00');
    expect(slaDeadlines(slaMinutes, 'P1', opened).dispatchDeadline.toISOString()).toBe('2026-11-26T01:05:00.000Z');
  });

  it.each([
    ['not JSON', /^SLA_MINUTES: must be JSON/],
    ['{"P5":{"dispatch":5}}', /^SLA_MINUTES/],
    ['{"P1":{"dispatch":-1}}', /^SLA_MINUTES/],
    ['{"P1":{"dispatch":5,"respond":9}}', /^SLA_MINUTES/],
    ['{"P2":{"dispatch":600}}', /^SLA_MINUTES: each priority must be dispatched no later than it is resolved/],
  ])('refuses SLA_MINUTES=%s', (value, problem) => {
    expect(problemsOf({ SLA_MINUTES: value })).toEqual([expect.stringMatching(problem)]);
  });
});
