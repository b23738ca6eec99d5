import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';

/**
 * A new empty folder that can be made read-only for tests of failed saves; removed when the test ends.
 * As root (CI, containers) a chmod stops nobody, so the folder is made immutable with `chattr +i`.
 * `lock()` returns a reason to skip where neither works; `unlock()` makes it writable again.
 */
export function lockableFolder(t: Test): { dir: string; lock: () => string | null; unlock: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mock-idp-locked-'));
  const root = process.getuid?.() === 0;
  let locked = false;
  const unlock = () => {
    if (!locked) return;
    if (root) execFileSync('chattr', ['-i', dir], { stdio: 'pipe' });
    else chmodSync(dir, 0o700);
    locked = false;
  };
  const lock = () => {
    try {
      if (root) execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
      else chmodSync(dir, 0o500);
    } catch (error) {
      return `cannot make a folder read-only as root here (chattr +i: ${(error as Error).message.split('\n')[0]})`;
    }
    locked = true;
    return null;
  };
  t.teardown(() => {
    unlock();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, lock, unlock };
}
