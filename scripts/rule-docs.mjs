#!/usr/bin/env node
// Writes the rule catalogue into README.md from the rules themselves (after `npm run build`).
// `node scripts/rule-docs.mjs --check` exits 1 when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { ruleCatalogueMarkdown, CATALOGUE_START, CATALOGUE_END } = await import(join(root, 'dist', 'guard', 'catalogue.js'));
const { RULES } = await import(join(root, 'dist', 'guard', 'rules', 'index.js'));
const path = join(root, 'README.md');
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(CATALOGUE_START);
const end = readme.indexOf(CATALOGUE_END);
if (start < 0 || end < start) {
  process.stderr.write(`README.md has no rule catalogue markers (${CATALOGUE_START} ... ${CATALOGUE_END})\n`);
  process.exit(2);
}
const next = `${readme.slice(0, start + CATALOGUE_START.length)}\n\n${ruleCatalogueMarkdown(RULES)}\n\n${readme.slice(end)}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    process.stderr.write('README.md rule catalogue is out of date: run `npm run docs:rules`\n');
    process.exit(1);
  }
} else {
  writeFileSync(path, next);
}
