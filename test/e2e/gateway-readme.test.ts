import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { cli } from '../support/cli.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Gateway:'), readme.indexOf('\n## ', readme.indexOf('## Gateway:') + 5));

describe('README gateway section', () => {
  it('shows the real output of hash-key', async () => {
    const shownBlock = /\$ TEAM_A_KEY=team-a-secret gpuops gateway hash-key --key-env TEAM_A_KEY\n([^`]*)```/.exec(section);
    expect(shownBlock).not.toBeNull();
    const r = await cli(['gateway', 'hash-key', '--key-env', 'TEAM_A_KEY'], { env: { TEAM_A_KEY: 'team-a-secret' } });
    expect(shownBlock![1]).toBe(r.stdout);
  });

  it('shows a config example that the gateway accepts (hashes filled in)', () => {
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(section)![1]!.replaceAll('sha256:<hex>', `sha256:${'a'.repeat(64)}`);
    const doc = parse(yaml.replace(/(team-b, hash: "sha256:)a{64}/, `$1${'b'.repeat(64)}`));
    expect(parseGatewayConfig(doc, 'README').keys.map((k) => k.name)).toEqual(['team-a', 'team-b']);
  });
});
