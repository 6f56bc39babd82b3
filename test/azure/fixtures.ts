import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures/azure/. */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/azure/${rel}`, import.meta.url));
}

/** A fixture parsed as JSON. */
export function loadFixture<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(fixturePath(rel), 'utf8')) as T;
}
