import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` so that a crash at any moment leaves either the old
 * or the new contents: a temp file beside it, fsync, rename over, fsync the
 * folder. The file is readable by its owner only (it may hold keys or passwords).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/**
 * Makes the rename itself durable (fsync of the folder). Where a folder cannot
 * be opened or synced (Windows, some network file systems), the file's own
 * fsync and the atomic rename are what there is.
 */
async function syncFolder(folder: string): Promise<void> {
  let dir;
  try {
    dir = await open(folder, 'r');
    await dir.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES' && code !== 'ENOTSUP') throw error;
  } finally {
    await dir?.close();
  }
}
