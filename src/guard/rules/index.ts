import type { AnyRule } from '../rule.js';
import { ai001 } from './ai001-public-network.js';
import { ai002 } from './ai002-private-endpoint.js';
import { ai003 } from './ai003-local-auth.js';
import { gpu001 } from './gpu001-tags.js';
import { gpu002 } from './gpu002-expired.js';
import { gpu003 } from './gpu003-auto-shutdown.js';
import { gpu005 } from './gpu005-budget.js';
import { gpu006 } from './gpu006-budget-alert.js';
import { gpu007 } from './gpu007-idle.js';
import { gpu008 } from './gpu008-stopped-allocated.js';
import { gpu009 } from './gpu009-public-ip.js';
import { gpu010 } from './gpu010-ssh-rdp.js';
import { gpu011 } from './gpu011-allowed-sizes.js';
import { gpu012 } from './gpu012-delete-lock.js';
import { ml001 } from './ml001-workspace-public.js';
import { ml002 } from './ml002-workspace-private-link.js';
import { ml003 } from './ml003-online-endpoint-public.js';
import { ml004 } from './ml004-cluster-min-nodes.js';
import { stg001 } from './stg001-lifecycle.js';
import { stg002 } from './stg002-public-access.js';

/** Every rule, in catalogue order. */
export const RULES: readonly AnyRule[] = [
  gpu001, gpu002, gpu003, gpu005, gpu006, gpu007, gpu008, gpu009, gpu010, gpu011, gpu012,
  ai001, ai002, ai003, ml001, ml002, ml003, ml004, stg001, stg002,
] as unknown as readonly AnyRule[];

/** Rule ids, for validating a config. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
