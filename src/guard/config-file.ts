import { createRequire } from 'node:module';
import { readInputText } from '../azure/inventory/read-json.js';
import { InputError, nearest } from '../errors.js';
import { GuardConfigFileSchema, unknownRuleIds, withDefaults, type GuardConfig } from './config.js';
import { RULE_IDS } from './rules/index.js';

const require = createRequire(import.meta.url);

/** Validate a parsed `gpuops.yaml` document; InputError naming the file, the field and what is expected. */
export function parseGuardConfig(doc: unknown, path: string): GuardConfig {
  const parsed = GuardConfigFileSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';
    const what = issue.code === 'unrecognized_keys' ? `unknown key(s) ${(issue as { keys: string[] }).keys.join(', ')}` : issue.message;
    throw new InputError(`Config "${path}" is not valid at ${field}: ${what}`, {
      suggestion: 'valid keys: requiredTags, expiryTag, idle {thresholdPercent, minHours}, budget {earlyAlertPercent}, allowedSizes, trainingTag, checkpointTag, severity, disabled, waivers',
    });
  }
  const config = withDefaults(parsed.data);
  const bad = unknownRuleIds(config, RULE_IDS);
  if (bad.length > 0) {
    const [where, id] = bad[0]!;
    throw new InputError(`Config "${path}" names rule "${id}" in ${where}, and there is no such rule`, {
      suggestion: `did you mean ${nearest(id, RULE_IDS).join(', ')}? \`gpuops audit --list-rules\` lists them`,
    });
  }
  return config;
}

/** Read and validate `gpuops.yaml` (YAML or JSON). */
export async function readGuardConfig(path: string): Promise<GuardConfig> {
  // The --from files' reader: a directory, a binary file and PowerShell's UTF-16 are named, a BOM dropped.
  const text = await readInputText(path, 'Config');
  const YAML = require('yaml') as typeof import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(text, { uniqueKeys: true });
  } catch (cause) {
    const e = cause as { message?: string; linePos?: { line: number; col: number }[] };
    const pos = e.linePos?.[0];
    throw new InputError(`Config "${path}" is not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''} (${(e.message ?? '').split('\n')[0]})`, { cause });
  }
  return parseGuardConfig(doc, path);
}
