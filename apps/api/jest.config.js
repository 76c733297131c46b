module.exports = {
  ...require('../../jest.preset'),
  displayName: 'api',
  // *.spec.ts are unit tests beside the code; *.int-spec.ts run against real PostgreSQL and PGlite.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
};
