import { readFileSync } from 'node:fs';

/** A load process's spec: its JSON, or `@FILE` naming a file that holds it. */
export const readSpec = <T>(argument: string): T => JSON.parse(argument.startsWith('@') ? readFileSync(argument.slice(1), 'utf8') : argument) as T;
