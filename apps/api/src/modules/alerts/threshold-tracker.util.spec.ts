import fc from 'fast-check';
import { applyThresholdValue, initialThresholdState, type ThresholdDecision, type ThresholdLimits, type ThresholdState } from './threshold-tracker.util';

const run = (limits: ThresholdLimits, values: [number, number][]) => {
  let state: ThresholdState = initialThresholdState();
  const decisions: ThresholdDecision['action'][] = [];
  for (const [value, atSeconds] of values) {
    const step = applyThresholdValue(state, limits, value, atSeconds * 1000);
    state = step.state;
    decisions.push(step.decision.action);
  }
  return { state, decisions };
};

const above100: ThresholdLimits = { comparator: 'above', warning: null, critical: 100, hysteresis: 3, forSeconds: 0 };

describe('threshold tracker', () => {
  it('raises once for values oscillating around the threshold and clears only below threshold − hysteresis', () => {
    const { decisions } = run(above100, [[99, 0], [101, 1], [99.5, 2], [101, 3], [98, 4], [96.9, 5]]);
    expect(decisions).toEqual(['none', 'raise', 'none', 'none', 'none', 'clear']);
  });

  it('raises only after the value has stayed past the threshold for forSeconds', () => {
    const limits = { ...above100, forSeconds: 60 };
    expect(run(limits, [[101, 0], [102, 30], [99, 45], [101, 50], [101, 100], [101, 110]]).decisions).toEqual(['none', 'none', 'none', 'none', 'none', 'raise']);
  });

  it('escalates warning to critical and never steps down until it clears', () => {
    const limits: ThresholdLimits = { comparator: 'above', warning: 80, critical: 150, hysteresis: 10, forSeconds: 0 };
    const { decisions } = run(limits, [[85, 0], [160, 1], [120, 2], [75, 3], [69, 4]]);
    expect(decisions).toEqual(['raise', 'escalate', 'none', 'none', 'clear']);
  });

  it('works the other way round for "below" rules', () => {
    const limits: ThresholdLimits = { comparator: 'below', warning: 30, critical: 10, hysteresis: 5, forSeconds: 0 };
    expect(run(limits, [[40, 0], [29, 1], [9, 2], [33, 3], [36, 4]]).decisions).toEqual(['none', 'raise', 'escalate', 'none', 'clear']);
  });

  it('ignores a value older than the newest one applied', () => {
    expect(run(above100, [[101, 10], [50, 5]]).decisions).toEqual(['raise', 'none']);
  });

  it('never flaps: between two changes of the alert the value has crossed the whole hysteresis band', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 90, max: 110, noNaN: true }), { maxLength: 60 }), (values) => {
        let state = initialThresholdState();
        let lastChange: { action: 'raise' | 'clear'; value: number } | null = null;
        values.forEach((value, i) => {
          const step = applyThresholdValue(state, above100, value, i * 1000);
          state = step.state;
          const action = step.decision.action;
          if (action === 'raise') {
            expect(value).toBeGreaterThanOrEqual(100);
            expect(lastChange?.action ?? 'clear').toBe('clear');
            lastChange = { action, value };
          } else if (action === 'clear') {
            expect(value).toBeLessThan(97);
            expect(lastChange?.action).toBe('raise');
            lastChange = { action, value };
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
