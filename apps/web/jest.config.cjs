module.exports = {
  ...require('../../jest.preset'),
  displayName: 'web',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
};
