import type { Nsg, NsgRule } from '../../model/inventory.js';

// Sources NSGs accept for "anywhere": the Internet service tag, any, and the all-addresses prefixes.
const INTERNET = new Set(['*', 'internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0']);

function portMatches(spec: string, port: number): boolean {
  const s = spec.trim();
  if (s === '*') return true;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(s);
  if (range) return Number(range[1]) <= port && port <= Number(range[2]);
  return /^\d+$/.test(s) && Number(s) === port;
}

function matches(rule: NsgRule, port: number): boolean {
  return rule.direction === 'Inbound'
    && ['*', 'tcp', 'any'].includes(rule.protocol.toLowerCase())
    && rule.sourcePrefixes.some((p) => INTERNET.has(p.trim().toLowerCase()))
    && rule.destinationPorts.some((p) => portMatches(p, port));
}

/**
 * The rule that decides internet traffic to `port` in this NSG: the lowest priority number that matches
 * it. None means the default rules apply, and DenyAllInBound drops internet traffic.
 */
export function decidingRule(nsg: Nsg, port: number): NsgRule | undefined {
  let best: NsgRule | undefined;
  for (const rule of nsg.rules) if (matches(rule, port) && (!best || rule.priority < best.priority)) best = rule;
  return best;
}

/** Whether this NSG lets internet traffic reach `port`. */
export function allowsFromInternet(nsg: Nsg, port: number): { allowed: boolean; rule: string | null } {
  const rule = decidingRule(nsg, port);
  return { allowed: rule?.access === 'Allow', rule: rule?.name ?? null };
}
