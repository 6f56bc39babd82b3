import type { Command } from 'commander';
import type { CliContext, CommandResult, GlobalOptions } from '../context.js';

/** A command as a typed object: its flags and a `run` that returns data and prints nothing. */
export interface CommandSpec<O = object> {
  name: string;
  /** Positional arguments in commander syntax, e.g. "<sku>". */
  args?: string;
  summary: string;
  /** Adds --region, --offline, --live, --subscription, --skus-file, --usage-file. */
  recon?: boolean;
  options?: (cmd: Command) => void;
  /** Extra help text: examples. */
  examples?: string[];
  run(args: string[], opts: O & GlobalOptions, ctx: CliContext): Promise<CommandResult>;
}
