import { describe, expect, it } from 'vitest';
import { hasRateLimitInfo, parseDurationMs, parseRateLimitHeaders, rateLimitHeaders } from './rate-limit.js';

const from = (h: Record<string, string>) => (n: string) => h[n];

describe('parseRateLimitHeaders', () => {
  it('reads the Azure 429 example: Retry-After 10, remaining 0', () => {
    const r = parseRateLimitHeaders(from({ 'retry-after': '10', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-remaining-requests': '0' }), 0);
    expect(r).toEqual({ retryAfterMs: 10_000, remainingTokens: 0, remainingRequests: 0, limitTokens: null, limitRequests: null, resetTokensMs: null, resetRequestsMs: null });
  });

  it('prefers retry-after-ms over Retry-After', () => {
    expect(parseRateLimitHeaders(from({ 'retry-after-ms': '1234', 'retry-after': '2' }), 0).retryAfterMs).toBe(1234);
  });

  it('reads an HTTP-date Retry-After against now', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRateLimitHeaders(from({ 'retry-after': 'Fri, 27 Nov 2026 10:00:07 GMT' }), now).retryAfterMs).toBe(7000);
  });

  it('treats -1, fractions and garbage as unknown (Azure Responses API sends -1)', () => {
    const r = parseRateLimitHeaders(from({ 'x-ratelimit-remaining-tokens': '-1', 'x-ratelimit-limit-tokens': '1.5', 'x-ratelimit-remaining-requests': 'lots', 'retry-after': 'soon' }), 0);
    expect(hasRateLimitInfo(r)).toBe(false);
  });

  it('reads OpenAI reset durations', () => {
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('20ms')).toBe(20);
    expect(parseDurationMs('1h2m')).toBe(3_720_000);
    expect(parseDurationMs('7')).toBe(7000);
    for (const bad of ['', 's', '5x', '1s garbage', '-1s']) expect(parseDurationMs(bad)).toBeNull();
  });
});

describe('rate-limit headers too large to be a number', () => {
  const huge = '9'.repeat(400);
  it('a delay that reads as Infinity is unknown (null), not an endless wait', () => {
    expect(parseRateLimitHeaders(from({ 'retry-after-ms': huge }), 0).retryAfterMs).toBeNull();
    expect(parseRateLimitHeaders(from({ 'retry-after': huge }), 0).retryAfterMs).toBeNull();
    expect(parseRateLimitHeaders(from({ 'x-ratelimit-reset-tokens': huge }), 0).resetTokensMs).toBeNull();
    expect(parseDurationMs(huge)).toBeNull();
    expect(parseDurationMs(`${huge}s`)).toBeNull();
  });
});

describe('rateLimitHeaders', () => {
  it('writes both retry headers on a 429, seconds rounded up', () => {
    expect(rateLimitHeaders({ retryAfterMs: 1200.4, remainingTokens: 0, limitTokens: 1000 })).toEqual({
      'retry-after-ms': '1201', 'retry-after': '2', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-limit-tokens': '1000',
    });
  });

  it('round-trips through the parser', () => {
    const h = rateLimitHeaders({ limitTokens: 5000, remainingTokens: 4100, limitRequests: 30, remainingRequests: 29, resetTokensMs: 250, resetRequestsMs: 2500, retryAfterMs: 3000 });
    expect(parseRateLimitHeaders(from(h), 0)).toEqual({ retryAfterMs: 3000, remainingTokens: 4100, remainingRequests: 29, limitTokens: 5000, limitRequests: 30, resetTokensMs: 250, resetRequestsMs: 2500 });
  });

  it('never writes negative counts', () => {
    expect(rateLimitHeaders({ remainingTokens: -40 })['x-ratelimit-remaining-tokens']).toBe('0');
  });
});
