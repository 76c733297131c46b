import { ConfigError, loadConfig } from '../app-config';

const SECRET = 'x'.repeat(40);

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('uses embedded PGlite in ./data/pglite when DATABASE_URL is not set', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite', migrateOnStart: false });
    expect(config.http.port).toBe(3000);
    expect(config.demoMode).toBe(false);
  });

  it('uses the PostgreSQL server named by DATABASE_URL', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ JWT_SECRET: SECRET, DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('names a missing variable and what it expects', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^JWT_SECRET: required/)]);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /^DATABASE_URL: expected a postgres/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET: must be at least 32/],
    [{ DEMO_MODE: 'maybe' }, /^DEMO_MODE: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
  ])('refuses %o', (override, message) => {
    expect(problemsOf({ JWT_SECRET: SECRET, ...override })).toEqual([expect.stringMatching(message)]);
  });

  it('never creates demo accounts in production', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, NODE_ENV: 'production', DEMO_MODE: 'true' })).toEqual([
      expect.stringMatching(/^DEMO_MODE: demo accounts are never created in production/),
    ]);
  });
});
