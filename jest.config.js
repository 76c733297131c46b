/** Every test tier of every project; `npm test` runs this once. */
module.exports = {
  // Integration suites start the whole API (and PGlite, migrating in memory); on a 2-core machine
  // shared with PostgreSQL and a browser that can take a minute. A hang still fails, just later.
  testTimeout: 120_000,
  projects: ['<rootDir>/packages/shared', '<rootDir>/apps/api', '<rootDir>/apps/web/jest.config.cjs', '<rootDir>/e2e'],
};
