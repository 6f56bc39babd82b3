import type { OutputFormat } from '../render/index.js';

/** Injected surroundings of a CLI run, so tests can run the CLI in-process with no network. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Azure overrides: tests pass a static credential and a loopback endpoint. */
  azure?: {
    credential?: import('@azure/core-auth').TokenCredential;
    endpoint?: string;
    tlsCa?: string | Buffer;
    maxRetries?: number;
  };
  /** Progress for people, on stderr; absent when stderr is not a terminal (pipes, CI, tests). */
  progress?: (text: string) => void;
  /** Reads standard input whole, for `--skus-file -`; tests pass their own. */
  stdin?: () => Promise<Buffer>;
  /** ISO date used for retirement checks. */
  today?: string;
  /** ISO date-time plans are made at (deadlines, relative days); the clock when absent. */
  now?: string;
}

/** Options shared by every recon command. */
export interface GlobalOptions {
  output: OutputFormat;
  query?: string;
  region?: string;
  offline?: boolean;
  live?: boolean;
  subscription?: string;
  skusFile?: string;
  usageFile?: string;
  debug?: boolean;
}

/** What a command returns: data (the JSON contract), an optional human view, notes for stderr. */
export interface CommandResult {
  data: unknown;
  table?: (data: unknown) => string;
  /** Views a command renders itself for some formats (audit: sarif, markdown, csv); used when --query is not given. */
  formats?: Partial<Record<OutputFormat, (data: unknown) => string>>;
  notes?: string[];
  exitCode?: number;
}
