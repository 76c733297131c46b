import { navItemsFor } from './nav-items.util';

const paths = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.to);

describe('navItemsFor', () => {
  it('offers the office screens to a signed-out visitor', () => {
    expect(paths(null)).toEqual(['/wall', '/dispatch', '/briefings', '/report']);
  });

  it('offers each role only what it may open, and the public form', () => {
    expect(paths('responder')).toEqual(['/responder', '/report']);
    expect(paths('duty_officer')).toEqual(['/wall', '/dispatch', '/briefings', '/report']);
    expect(paths('leader')).toEqual(['/wall', '/briefings', '/report']);
    expect(paths('wall')).toEqual(['/wall', '/report']);
    expect(paths('admin')).toEqual(['/wall', '/dispatch', '/briefings', '/report']);
  });
});
