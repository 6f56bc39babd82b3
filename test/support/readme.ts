import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The project's README, whose examples the tests check against the CLI's real output. */
export const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The text of the README code block that starts with `$ <command>`. */
export function shown(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  expect(start, `README has no block for "$ ${command}"`).toBeGreaterThan(-1);
  const body = readme.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('```'));
}
