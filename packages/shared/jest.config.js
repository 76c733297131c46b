module.exports = {
  ...require('../../jest.preset'),
  displayName: 'shared',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
