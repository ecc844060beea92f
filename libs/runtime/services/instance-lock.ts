import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';

/**
 * One `npm start` per data directory: a second one would corrupt the SQLite and PostgreSQL files.
 * The lock is a pid file; a stale one (its process gone) is taken over.
 */
export function acquireInstanceLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'duban.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new PrerequisiteError(`duban is already running from ${dataDir} (pid ${pid}); stop it first (Ctrl-C in its terminal or \`kill ${pid}\`)`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new PrerequisiteError(`could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
