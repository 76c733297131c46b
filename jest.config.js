/** Every test tier of every project; `npm test` runs this once. */
module.exports = {
  // Integration suites start the whole API (and PGlite); give them time on a 2-core machine.
  testTimeout: 60_000,
  projects: ['<rootDir>/packages/shared', '<rootDir>/apps/api', '<rootDir>/apps/web/jest.config.cjs', '<rootDir>/e2e'],
};
