import { spawnSync } from 'node:child_process';

/** The broker the MQTT suites use: the Mosquitto that runs beside the API. */
export const MQTT_TEST_URL = process.env['TEST_MQTT_URL'] || 'mqtt://127.0.0.1:1883';

const inCi = process.env['CI'] === 'true';

/**
 * Whether the MQTT suites may run: always in CI (a missing broker fails them there), elsewhere
 * only when the broker takes a TCP connection. Jest declares suites synchronously, so the probe
 * runs in a short child process instead of awaiting a socket here.
 */
export const mqttBrokerAvailable = inCi || brokerAnswers(MQTT_TEST_URL);

if (!mqttBrokerAvailable) {
  console.warn(`!!! no MQTT broker answers at ${MQTT_TEST_URL}: the MQTT suites are SKIPPED. With CI=true this is a failure.`);
}

function brokerAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const script = `
    const socket = require('node:net').connect(${Number(port || 1883)}, ${JSON.stringify(hostname)});
    socket.setTimeout(2000);
    socket.on('connect', () => process.exit(0));
    socket.on('error', () => process.exit(1));
    socket.on('timeout', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: 5_000, env: { PATH: process.env['PATH'] ?? '' } }).status === 0;
}
