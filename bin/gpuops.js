#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `gpuops skus | head -1` closes the pipe early: that is not an error worth a message. Any other
// write error (a full disk: `> /dev/full`) is one clear line and exit 1, never a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const why = err.code === 'ENOSPC' ? 'no space left on the device' : (err.code ?? err.message);
  process.stderr.write(`error: cannot write the output to standard output (${why})\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
