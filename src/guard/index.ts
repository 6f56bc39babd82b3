// The guard engine: audit an Inventory against the rules.
export { audit, type AuditOptions } from './engine.js';
export { embeddedCatalog, type GuardCatalog } from './catalog.js';
export { DEFAULT_CONFIG, GuardConfigFileSchema, unknownRuleIds, withDefaults, type GuardConfig, type GuardConfigFile, type Waiver } from './config.js';
export { defineRule, type AnyRule, type CheckResult, type Rule, type RuleContext } from './rule.js';
export { RULES, RULE_IDS } from './rules/index.js';
