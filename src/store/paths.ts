import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The directory of gpuops' local data: `GPUOPS_DATA_DIR` when set, else `$XDG_DATA_HOME/gpuops`,
 * else `~/.local/share/gpuops` (on Windows `%LOCALAPPDATA%\gpuops`).
 */
export function dataDir(env: NodeJS.ProcessEnv): string {
  if (env.GPUOPS_DATA_DIR) return env.GPUOPS_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'gpuops');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'gpuops');
  return join(env.HOME ?? homedir(), '.local', 'share', 'gpuops');
}
