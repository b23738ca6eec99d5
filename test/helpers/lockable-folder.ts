import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';

/**
 * Why folders cannot be made read-only here (root without `chattr`, or a file system without the
 * immutable flag), or null when they can: pass it as a test's `skip` option.
 */
export function cannotLockFolders(): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mock-idp-lock-probe-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    execFileSync('chattr', ['-i', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot make a folder read-only as root here (chattr +i: ${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A new empty folder that can be made read-only for tests of failed saves; removed when the test ends.
 * As root (CI, containers) a chmod stops nobody, so the folder is made immutable with `chattr +i`.
 * Check {@link cannotLockFolders} first; `unlock()` makes it writable again.
 */
export function lockableFolder(t: Test): { dir: string; lock: () => void; unlock: () => void } {
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
    if (root) execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    else chmodSync(dir, 0o500);
    locked = true;
  };
  t.teardown(() => {
    unlock();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, lock, unlock };
}
