import { lstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';

/** The file an article came from, as the index stores it and deletions compare it: relative to the working folder. */
export const storedOrigin = (file: string): string => relative(process.cwd(), resolve(file)) || file;

/** The inputs that exist (folders and files), relative like the stored origins: a file gone from one of them takes its articles along. */
export async function readableRoots(paths: string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const path of paths) {
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      roots.push(relative(process.cwd(), resolve(path)));
  }
  return roots;
}

/**
 * False only when the file is certainly gone: a file that cannot be looked at (a folder without
 * permission, a broken mount) still holds its articles as far as deletions go.
 */
export function fileExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
