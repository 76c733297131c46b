import { ROLES } from '@mekong-ioc/shared';
import { canOpenScreen, safeReturnPath } from './screen-access.util';

describe('canOpenScreen', () => {
  it('lets exactly the listed roles open each screen', () => {
    const allowed = (screen: 'wall' | 'dispatch' | 'responder' | 'briefings') => ROLES.filter((role) => canOpenScreen(role, screen));
    expect(allowed('wall')).toEqual(['admin', 'leader', 'duty_officer', 'wall']);
    expect(allowed('dispatch')).toEqual(['admin', 'duty_officer']);
    expect(allowed('responder')).toEqual(['responder']);
    expect(allowed('briefings')).toEqual(['admin', 'leader', 'duty_officer']);
  });
});

describe('safeReturnPath', () => {
  it.each(['/dispatch', '/wall?scene=2', '/track/ABC#x', '/'])('keeps the local path %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'dispatch', '/login', '/login?x=1', null, 42])(
    'refuses %p',
    (candidate) => {
      expect(safeReturnPath(candidate)).toBeNull();
    },
  );
});
