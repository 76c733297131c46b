import { derivedClientId } from '../mqtt-ingest.consumer';
import { parseReadingTopic, readingTopic, sharedReadingSubscription } from '../mqtt-topic.util';

describe('MQTT reading topics', () => {
  it('names feed and device, and nothing else', () => {
    expect(readingTopic('environment', 'aq-1')).toBe('ioc/v1/environment/aq-1');
    expect(parseReadingTopic('ioc/v1/environment/aq-1')).toEqual({ feed: 'environment', deviceId: 'aq-1' });
    for (const topic of ['ioc/v1/environment', 'ioc/v2/environment/aq-1', 'ioc/v1/environment/aq-1/x', 'ioc/v1//aq-1']) {
      expect(parseReadingTopic(topic)).toBeNull();
    }
    expect(sharedReadingSubscription('mekong-ioc')).toBe('$share/mekong-ioc/ioc/v1/+/+');
  });

  it('derives a client id that is stable per host and share group and valid for any host name', () => {
    expect(derivedClientId('g', 'api-1')).toBe(derivedClientId('g', 'api-1'));
    expect(derivedClientId('g', 'api-1')).not.toBe(derivedClientId('g', 'api-2'));
    expect(derivedClientId('g', 'api-1')).not.toBe(derivedClientId('h', 'api-1'));
    expect(derivedClientId('g', 'ip-10-0-0-1.ec2.internal'.repeat(4))).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
