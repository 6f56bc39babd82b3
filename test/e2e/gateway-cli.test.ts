import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../src/gateway/keys.js';
import { cli, fixture } from '../support/cli.js';
import { call, chat, configDoc, tempDir } from '../fixtures/gateway/harness.js';
import { startTestUpstream } from '../fixtures/gateway/test-upstream.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gpuops.js');

describe('gpuops gateway: bad config exits 2 naming the field', () => {
  it.each([
    ['unknown-field.yaml', 'unknown field "accesLog"'],
    ['bad-hash.yaml', 'keys[1].hash: expected "sha256:" and 64 lower-case hex digits'],
    ['duplicate-key.yaml', 'keys[1].name: duplicate name "team-a"'],
    ['redis-unreachable.yaml', 'limits.url: cannot reach Redis at redis://127.0.0.1:1'],
    ['bad-yaml.yaml', 'is not valid YAML at line 4'],
    ['missing-key-env.yaml', 'upstreams[0].keyEnv: environment variable GPUOPS_TEST_UNSET_KEY is not set'],
    ['does-not-exist.yaml', 'does not exist'],
  ])('%s', async (file, message) => {
    const r = await cli(['gateway', '--config', fixture('gateway', file)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never prints a Redis password', async () => {
    const file = join(tempDir(), 'gw.yaml');
    writeFileSync(file, JSON.stringify({ ...configDoc([{ name: 'p', url: 'http://127.0.0.1:9/v1', api: 'openai' }], {}, { tpm: 10 }), limits: { store: 'redis', url: 'redis://:hunter2-secret@127.0.0.1:1' } }));
    const r = await cli(['gateway', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('limits.url: cannot reach Redis at redis://:***@127.0.0.1:1');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('asks for --config, and refuses an unknown action', async () => {
    expect((await cli(['gateway'])).stderr).toContain('--config: missing');
    const r = await cli(['gateway', 'hash-keys']);
    expect([r.code, r.stderr.includes('unknown action "hash-keys"')]).toEqual([2, true]);
  });

  it('refuses a port that is taken', async () => {
    const up = await startTestUpstream();
    const port = new URL(up.url).port;
    const file = join(tempDir(), 'gw.yaml');
    writeFileSync(file, JSON.stringify({ ...configDoc([{ name: 'p', url: up.url, api: 'openai' }]), listen: `127.0.0.1:${port}` }));
    const r = await cli(['gateway', '--config', file]);
    await up.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`listen: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
  });
});

describe('start-up import graph', () => {
  it('the gateway command loads the gateway (prom-client, ioredis, the tokenizer) only when it runs', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'cli', 'commands', 'gateway.ts'), 'utf8');
    const eager = source.split('\n').filter((l) => /^\s*import\b(?!\s+type\b)/.test(l) && /gateway\/|prom-client|ioredis|gpt-tokenizer/.test(l));
    expect(eager).toEqual([]);
  });
});

describe('gpuops gateway hash-key', () => {
  it('prints the config form of a key held in an environment variable', async () => {
    const r = await cli(['gateway', 'hash-key', '--key-env', 'MY_KEY'], { env: { MY_KEY: 'abc' } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses an unset variable, and --generate with --key-env', async () => {
    expect((await cli(['gateway', 'hash-key', '--key-env', 'NOPE'])).stderr).toContain('--key-env: environment variable NOPE is not set');
    expect((await cli(['gateway', 'hash-key', '--key-env', 'A', '--generate'])).code).toBe(2);
  });

  it('generates a key whose printed hash is its hash', async () => {
    const r = await cli(['gateway', 'hash-key', '--generate', '-o', 'json']);
    const { key, hash } = r.json<{ key: string; hash: string }>();
    expect(key).toMatch(/^gk-[A-Za-z0-9_-]{32}$/);
    expect(hash).toBe(hashKey(key));
  });

  it('reads the key from stdin, dropping one trailing newline', async () => {
    const child = spawn(process.execPath, [BIN, 'gateway', 'hash-key'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.end('abc\n');
    const code = await new Promise((r) => child.on('close', r));
    expect([code, out.trim()]).toEqual([0, hashKey('abc').toString()]);
  });
});

describe('gpuops gateway: graceful drain on SIGTERM', () => {
  it('stops accepting, lets the in-flight stream finish, and exits 0', async () => {
    const up = await startTestUpstream({ gapMs: 150 });
    const file = join(tempDir(), 'gw.yaml');
    writeFileSync(file, JSON.stringify(configDoc([{ name: 'p', url: up.url, api: 'openai' }])));
    const child = spawn(process.execPath, [BIN, 'gateway', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      let err = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`gateway did not start: ${err}`)), 10_000);
        child.stderr.on('data', (d) => {
          err += d;
          const m = /listening on (http:\/\/\S+)/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      let signalled = false;
      const stream = call(`${url}/v1/chat/completions`, {
        body: chat({ stream: true, max_tokens: 6 }),
        onChunk: () => {
          if (!signalled) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      });
      const r = await stream;
      expect(signalled).toBe(true);
      expect(r.status).toBe(200);
      expect(r.text.split('\n\n').filter((e) => e.startsWith('data: {'))).toHaveLength(6);
      expect(r.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      // A new connection after the drain started is refused (or answered "draining" before the listener closed).
      const late = await call(`${url}/healthz`).then((x) => x.status, (e: NodeJS.ErrnoException) => e.code);
      expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(late);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await up.close();
    }
  });
});
