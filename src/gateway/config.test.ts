import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from './config.js';

const H = (c: string) => `sha256:${c.repeat(64)}`;
const base = () => ({
  listen: '127.0.0.1:8080',
  upstreams: [{ name: 'primary', url: 'http://127.0.0.1:8000/v1', api: 'openai' }],
  keys: [{ name: 'team-a', hash: H('a'), tpm: 60000, rpm: 600 }, { name: 'team-b', hash: H('b') }],
});

const error = (doc: unknown) => {
  try {
    parseGatewayConfig(doc, 'gw.yaml');
  } catch (e) {
    return (e as Error & { exitCode: number }).exitCode === 2 ? (e as Error).message : `wrong exit: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('parseGatewayConfig', () => {
  it('reads the documented example with defaults filled in', () => {
    const c = parseGatewayConfig({ ...base(), limits: { store: 'memory' }, accessLog: './gw.jsonl', maxBodyBytes: 4194304 }, 'gw.yaml');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, maxBodyBytes: 4194304, failoverOn: [429, 500, 502, 503, 504], limits: { store: 'memory', defaultMaxTokens: 1024 } });
    expect(c.keys[0]!.hash.toString('hex')).toBe('a'.repeat(64));
    expect([c.keys[1]!.name, c.keys[1]!.tpm, c.keys[1]!.rpm]).toEqual(['team-b', undefined, undefined]);
  });

  it('accepts an Azure upstream with a deployment, and the Azure v1 surface without one', () => {
    const doc = base();
    doc.upstreams.push({ name: 'aoai', url: 'https://x.openai.azure.com', api: 'azure', deployment: 'gpt-4o', keyEnv: 'AOAI_KEY' } as never);
    doc.upstreams.push({ name: 'v1', url: 'https://x.openai.azure.com/openai/v1', api: 'azure' } as never);
    expect(parseGatewayConfig(doc, 'gw.yaml').upstreams.map((u) => u.apiVersion)).toEqual(['2024-10-21', '2024-10-21', '2024-10-21']);
  });

  it.each([
    ['an unknown field', { ...base(), listn: 'x' }, 'unknown field "listn"'],
    ['an unknown field in a key', { ...base(), keys: [{ name: 'a', hash: H('a'), tmp: 5 }] }, 'unknown field "keys[0].tmp"'],
    ['a bad hash format', { ...base(), keys: [{ name: 'a', hash: 'md5:abc' }] }, 'keys[0].hash: expected "sha256:" and 64 lower-case hex digits'],
    ['an upper-case hash', { ...base(), keys: [{ name: 'a', hash: `sha256:${'A'.repeat(64)}` }] }, 'keys[0].hash'],
    ['a duplicate key name', { ...base(), keys: [{ name: 'a', hash: H('a') }, { name: 'a', hash: H('b') }] }, 'keys[1].name: duplicate name "a"'],
    ['a duplicate hash', { ...base(), keys: [{ name: 'a', hash: H('a') }, { name: 'b', hash: H('a') }] }, 'keys[1].hash: the same hash as key "a"'],
    ['a duplicate upstream', { ...base(), upstreams: [base().upstreams[0], base().upstreams[0]] }, 'upstreams[1].name: duplicate'],
    ['a negative tpm', { ...base(), keys: [{ name: 'a', hash: H('a'), tpm: -5 }] }, 'keys[0].tpm: expected a number above 0'],
    ['a fractional rpm', { ...base(), keys: [{ name: 'a', hash: H('a'), rpm: 1.5 }] }, 'keys[0].rpm: expected a whole number'],
    ['a tpm given as text', { ...base(), keys: [{ name: 'a', hash: H('a'), tpm: '100' }] }, 'keys[0].tpm'],
    ['a zero maxBodyBytes', { ...base(), maxBodyBytes: 0 }, 'maxBodyBytes: expected a number above 0'],
    ['a listen without port', { ...base(), listen: '127.0.0.1' }, 'listen: expected HOST:PORT'],
    ['a port above 65535', { ...base(), listen: '127.0.0.1:70000' }, 'listen: port 70000 is above 65535'],
    ['an upstream URL without scheme', { ...base(), upstreams: [{ name: 'p', url: 'localhost:8000', api: 'openai' }] }, 'upstreams[0].url'],
    ['an upstream URL with credentials', { ...base(), upstreams: [{ name: 'p', url: 'http://u:p@h/v1', api: 'openai' }] }, 'upstreams[0].url: it carries credentials'],
    ['an unknown api', { ...base(), upstreams: [{ name: 'p', url: 'http://h/v1', api: 'anthropic' }] }, 'upstreams[0].api'],
    ['an Azure upstream without deployment', { ...base(), upstreams: [{ name: 'p', url: 'https://x.openai.azure.com', api: 'azure' }] }, 'upstreams[0].deployment: required'],
    ['no upstreams', { ...base(), upstreams: [] }, 'upstreams: expected at least one upstream'],
    ['no keys', { ...base(), keys: [] }, 'keys: expected at least one key'],
    ['an unknown store', { ...base(), limits: { store: 'etcd' } }, 'limits.store'],
    ['a redis store without url', { ...base(), limits: { store: 'redis' } }, 'limits.url'],
    ['a redis url of another scheme', { ...base(), limits: { store: 'redis', url: 'http://127.0.0.1:6379' } }, 'limits.url: expected redis://'],
    ['a key naming an unknown team', { ...base(), keys: [{ name: 'a', hash: H('a'), team: 'x' }] }, 'keys[0].team: team "x" is not in "teams"'],
    ['a key name with spaces', { ...base(), keys: [{ name: 'team a', hash: H('a') }] }, 'keys[0].name'],
    ['a failover status outside 4xx/5xx', { ...base(), failoverOn: [200] }, 'failoverOn[0]'],
    ['a list at the top level', [], 'expected a mapping'],
    ['null', null, 'expected a mapping'],
  ])('refuses %s, naming the field', (_what, doc, expected) => {
    const message = error(doc);
    expect(message).toContain('Gateway config "gw.yaml"');
    expect(message).toContain(expected);
  });
});
