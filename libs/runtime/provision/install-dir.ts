import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Fills `finalDir` through a private staging directory and a rename, so two clones provisioning
 * at once never see a half-installed tool: the loser of the rename discards its copy.
 */
export function installAtomically(finalDir: string, fill: (stagingDir: string) => void): void {
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  const staging = `${finalDir}.staging-${process.pid}-${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    fill(staging);
    try {
      fs.renameSync(staging, finalDir);
    } catch (error) {
      if (!fs.existsSync(finalDir)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
