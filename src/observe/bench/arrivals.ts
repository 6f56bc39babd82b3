/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 via the boost Gamma(shape+1) * U^(1/shape). */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Standard normal by Box-Muller.
      x = Math.sqrt(-2 * Math.log(random() || Number.MIN_VALUE)) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Open-loop inter-arrival gaps in ms for `rate` requests/s: Gamma(shape = burstiness, scale =
 * 1/(rate * burstiness)), as vLLM's bench does. burstiness 1 = Poisson (exponential gaps); below 1
 * burstier; Infinity = a constant interval. The mean gap is 1000/rate ms whatever the burstiness.
 */
export function interArrivalMs(rate: number, burstiness: number, random: () => number): number {
  if (!Number.isFinite(burstiness)) return 1000 / rate;
  if (burstiness === 1) return (-Math.log(1 - random()) / rate) * 1000;
  return (gamma(burstiness, random) / (rate * burstiness)) * 1000;
}
