import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';

/** The file an article came from, as the index stores it and deletions compare it: relative to the working folder. */
export const storedOrigin = (file: string): string => relative(process.cwd(), resolve(file)) || file;

/** Folders among the inputs, relative like the stored origins: a file deleted from one of them takes its articles along. */
export async function readableRoots(paths: string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) roots.push(relative(process.cwd(), resolve(path)));
  }
  return roots;
}
