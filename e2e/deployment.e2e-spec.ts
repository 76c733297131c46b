import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../apps/api/src/config/app-config.schema';
import { describeIf } from '../apps/api/src/test-support/services';

const root = join(__dirname, '..');
const composeAvailable = process.env['CI'] === 'true' || spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const compose = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });

describeIf(composeAvailable)('docker-compose.yml', () => {
  const secrets = { JWT_SECRET: 'deployment-test-secret-0123456789abcdef', POSTGRES_PASSWORD: 'pw' };

  it('passes docker-compose config -q', () => {
    const result = compose(['config', '-q'], secrets);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('refuses to start without its secrets instead of using a default', () => {
    const result = compose(['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/POSTGRES_PASSWORD|JWT_SECRET/);
  });

  it('runs the one-shot migration before the API, and the API before the web app', () => {
    const config = compose(['config'], secrets).stdout;
    expect(config).toMatch(/migrate:[\s\S]*command:[\s\S]*migrate\.js/);
    expect(config).toMatch(/api:[\s\S]*depends_on:[\s\S]*migrate:[\s\S]*condition: service_completed_successfully/);
    expect(config).toMatch(/web:[\s\S]*depends_on:[\s\S]*api:[\s\S]*condition: service_healthy/);
  });
});

describe('.env.example', () => {
  it('lists exactly the variables the API reads', () => {
    const listed = readFileSync(join(root, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name));
    expect([...new Set(listed)].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('names no variable in docker-compose.yml that the API does not read', () => {
    const yaml = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const apiBlock = yaml.slice(yaml.indexOf('x-api-environment'), yaml.indexOf('services:'));
    const names = [...apiBlock.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]);
    expect(names.filter((name) => name === undefined || !(name in envSchema.shape))).toEqual([]);
  });
});

