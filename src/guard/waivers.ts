import { idKey } from '../model/inventory.js';
import type { Waiver } from './config.js';

const cache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = idKey(glob).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`);
    cache.set(glob, re);
  }
  return re;
}

/** The first unexpired waiver for this rule and resource (ids compared case-insensitively; `*` matches anything). */
export function waiverFor(waivers: readonly Waiver[], ruleId: string, resourceId: string): Waiver | undefined {
  if (waivers.length === 0) return undefined;
  const key = idKey(resourceId);
  return waivers.find((w) => w.rule === ruleId && (w.resource.includes('*') ? globToRegExp(w.resource).test(key) : idKey(w.resource) === key));
}
