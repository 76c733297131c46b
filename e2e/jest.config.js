module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  // Real browser against the real API serving the built web app.
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
};
