import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mock/random.js';
import { interArrivalMs } from './arrivals.js';

function moments(rate: number, burstiness: number, n = 40_000): { mean: number; cv: number } {
  const random = seededRandom(7);
  const xs = Array.from({ length: n }, () => interArrivalMs(rate, burstiness, random));
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { mean, cv: sd / mean };
}

describe('interArrivalMs', () => {
  // Gamma(k, θ) has mean kθ and coefficient of variation 1/sqrt(k): both must hold.
  it.each([[1], [0.25], [0.5], [4]])('burstiness %d keeps the mean at 1000/rate and CV at 1/sqrt(b)', (b) => {
    const { mean, cv } = moments(20, b);
    expect(mean).toBeGreaterThan(50 * 0.96);
    expect(mean).toBeLessThan(50 * 1.04);
    expect(cv).toBeGreaterThan((1 / Math.sqrt(b)) * 0.94);
    expect(cv).toBeLessThan((1 / Math.sqrt(b)) * 1.06);
  });

  it('is a constant interval with infinite burstiness', () => {
    expect(moments(4, Infinity, 10)).toEqual({ mean: 250, cv: 0 });
  });
});
