import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agrees, cappedMean, mean, parseRate, roundTo, truncateTo } from '../src/rates.js';

describe('parseRate', () => {
  it('reads the value in percent and the written decimals', () => {
    expect(parseRate('73.08%', [])).toMatchObject({ text: '73.08%', value: 73.08, decimals: 2 });
    expect(parseRate('100%', [])).toMatchObject({ value: 100, decimals: 0 });
    expect(parseRate('54.70%', [])).toMatchObject({ value: 54.7, decimals: 2 });
    expect(parseRate(' 66 % ', [])).toMatchObject({ text: ' 66 % ', value: 66, decimals: 0 });
    expect(parseRate('８５．５％', [])).toMatchObject({ value: 85.5, decimals: 1 });
    expect(parseRate('-3.5%', [])).toMatchObject({ value: -3.5, decimals: 1 });
  });
  it('keeps value null for text that is not a percentage', () => {
    for (const t of ['完成', '', '0.6', '60个', '（待年底核算）', '50%-60%']) expect(parseRate(t, []).value).toBeNull();
  });
  it('keeps the locations given', () => {
    const at = [{ line: 3, column: 9, field: 8 }];
    expect(parseRate('1%', at).at).toBe(at);
  });
});

describe('agrees: the written figure at its written precision, rounded or truncated', () => {
  it.each([
    [93.75, 93, 0, true], // truncated
    [93.75, 94, 0, true], // rounded
    [66.6667, 66, 0, true],
    [66.6667, 67, 0, true],
    [66.6667, 66.67, 2, true],
    [66.6667, 66.66, 2, true],
    [57.555, 57.56, 2, true], // half-up despite binary 57.55499…
    [68.76, 68.76, 2, true],
    [100.847, 100.9, 1, true], // 98.83 / 98: rounded to 100.85 first, then to one decimal (docs/format.md, "Precision")
    [100.847, 100.8, 1, true],
    [71.066, 70.99, 2, false], // gold 二.4, line 61
    [15.686, 156.9, 1, false], // seed line 300
    [100, 0, 0, false],
    [93.75, 92, 0, false],
    [66.6667, 66.7, 1, true],
    [66.6667, 66.5, 1, false],
    [105.416, 105.3, 1, false],
  ])('%f written %f (%i decimals) → %s', (computed, written, decimals, expected) => {
    expect(agrees(computed, written, decimals)).toBe(expected);
  });

  it('holds for any value against its own rounding and truncation (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 3 }), (v, d) => {
        expect(agrees(v, roundTo(v, d), d)).toBe(true);
        expect(agrees(v, truncateTo(v, d), d)).toBe(true);
      }),
    );
  });

  it('rejects a figure off by one unit in the last written place beyond rounding (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 2 }), (n, d) => {
        const v = n / 10 ** d; // exactly representable at d decimals
        expect(agrees(v, roundTo(v + 2 / 10 ** d, d), d)).toBe(false);
      }),
    );
  });
});

describe('means', () => {
  it('caps each indicator at 100% for an item (docs/format.md, item rate: (min(103.9, 100) + 15.11) / 2 = 57.555)', () => {
    expect(cappedMean([103.9, 15.11])).toBeCloseTo(57.555, 9);
    expect(cappedMean([100, 100, 0])).toBeCloseTo(66.6667, 3);
    expect(cappedMean([])).toBeNull();
  });
  it('averages item rates for a task (68.76, 66, 57.56, 100 → 73.08)', () => {
    expect(agrees(mean([68.76, 66, 57.56, 100])!, 73.08, 2)).toBe(true);
    expect(mean([])).toBeNull();
  });
});
