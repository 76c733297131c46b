import { parseWallOptions, startRotation, stepRotation, WALL_SCENES, type RotationInput } from './wall-options.util';

describe('wall options from the URL', () => {
  it('reads scenes, interval (or rotate), layers, chime and language, ignoring what it does not know', () => {
    expect(parseWallOptions('?scenes=traffic,bogus,overview,traffic&interval=30&layers=incidents,traffic,sewers&chime=1&lang=en')).toEqual({
      scenes: ['traffic', 'overview'],
      intervalSeconds: 30,
      layers: ['incidents', 'traffic'],
      chime: true,
      language: 'en',
    });
    expect(parseWallOptions('?rotate=60')).toMatchObject({ scenes: [...WALL_SCENES], intervalSeconds: 60, layers: null, chime: false, language: null });
    expect(parseWallOptions('?interval=2').intervalSeconds).toBe(10);
    expect(parseWallOptions('?interval=soon').intervalSeconds).toBeNull();
    expect(parseWallOptions('?layers=').layers).toEqual([]);
  });
});

describe('scene rotation', () => {
  const input = (now: number, extra: Partial<RotationInput> = {}): RotationInput => ({
    now,
    sceneCount: 3,
    intervalSeconds: 30,
    criticalAlertActive: false,
    focusHeld: false,
    ...extra,
  });

  it('moves to the next scene after each interval and wraps around', () => {
    let state = startRotation(0);
    state = stepRotation(state, input(29_999));
    expect(state.index).toBe(0);
    state = stepRotation(state, input(30_000));
    expect(state).toEqual({ index: 1, since: 30_000, holding: null });
    state = stepRotation(stepRotation(state, input(60_000)), input(90_000));
    expect(state.index).toBe(0);
  });

  it('stops on a critical alert and gives the scene a full interval after it is handled', () => {
    let state = stepRotation(startRotation(0), input(10_000, { criticalAlertActive: true }));
    expect(state.holding).toBe('critical');
    state = stepRotation(state, input(500_000, { criticalAlertActive: true }));
    expect(state.index).toBe(0);
    state = stepRotation(state, input(500_001));
    expect(state).toEqual({ index: 0, since: 500_001, holding: null });
    expect(stepRotation(state, input(520_000)).index).toBe(0);
    expect(stepRotation(state, input(530_001)).index).toBe(1);
  });

  it('holds for a focus pushed from the console, a critical alert taking precedence', () => {
    expect(stepRotation(startRotation(0), input(5, { focusHeld: true })).holding).toBe('focus');
    expect(stepRotation(startRotation(0), input(5, { focusHeld: true, criticalAlertActive: true })).holding).toBe('critical');
  });

  it('does not rotate without an interval or with one scene', () => {
    expect(stepRotation(startRotation(0), input(100_000, { intervalSeconds: null })).index).toBe(0);
    expect(stepRotation(startRotation(0), input(100_000, { sceneCount: 1 })).index).toBe(0);
  });
});
