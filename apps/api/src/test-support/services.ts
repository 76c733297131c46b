/**
 * Which real services the tests may use. `npm test` probes them and passes the answer in
 * IOC_TEST_POSTGRES / IOC_TEST_CHROMIUM / IOC_TEST_MQTT / IOC_TEST_REDIS; outside CI a missing one skips its suites (the runner says
 * so loudly), and with CI=true nothing is skipped: a missing service fails the suites that need it.
 */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

const inCi = process.env['CI'] === 'true';
export const postgresAvailable = inCi || process.env['IOC_TEST_POSTGRES'] !== 'missing';
export const chromiumAvailable = inCi || process.env['IOC_TEST_CHROMIUM'] !== 'missing';
export const mqttAvailable = inCi || process.env['IOC_TEST_MQTT'] !== 'missing';
export const TEST_MQTT_URL = process.env['TEST_MQTT_URL'] || 'mqtt://127.0.0.1:1883';
export const redisAvailable = inCi || process.env['IOC_TEST_REDIS'] !== 'missing';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';

export const describeIf = (available: boolean): jest.Describe => (available ? describe : describe.skip);
