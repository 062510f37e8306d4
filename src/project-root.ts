import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Files read at run time (index-config/, views/assets/) are found from the folder of package.json,
// not from the module's own place: a module runs from src/ under tsx and from dist/src/ once compiled.
function findProjectRoot(): URL {
  for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
    if (folder.pathname === '/') throw new Error(`no package.json in any folder above ${import.meta.url}`);
  }
}

/** The project's folder, as a URL ending in `/`. */
export const PROJECT_ROOT: URL = findProjectRoot();

/** A path inside the project, e.g. `projectPath('index-config/settings.json')`. */
export const projectPath = (relative: string): string => fileURLToPath(new URL(relative, PROJECT_ROOT));
