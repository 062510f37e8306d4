import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';

/** Runs a TypeScript entry point in a node process of its own (one process, so its RSS is its own). */
export function runNode(script: string, args: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', projectPath(script), ...args], { cwd: projectPath('.'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Compiles the product as `npm start` does (into dist/, types not checked again): what production runs, without the tsx loader. */
export async function buildProduct(): Promise<void> {
  const tsc = spawn(process.execPath, [projectPath('node_modules/typescript/bin/tsc'), '-p', projectPath('tsconfig.build.json'), '--noCheck'], { cwd: projectPath('.'), stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => tsc.on('exit', (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`the build exited with ${code}`);
}

/** Runs a compiled entry point (`src/cli/start.ts` → dist/src/cli/start.js) in a node process of its own. */
export function runCompiled(script: string, args: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  const compiled = projectPath(`dist/${script.replace(/\.tsx?$/u, '.js')}`);
  return spawn(process.execPath, [...nodeFlags, compiled, ...args], { cwd: projectPath('.'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Waits for a process to exit, with what it printed. */
export function collect(child: ChildProcess): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout })));
}

/**
 * Starts the site (`npm start`'s entry point) against the given engine and waits until it serves:
 * under tsx, or `compiled` as `npm start` runs it (after buildProduct()).
 */
export async function startServer(env: Record<string, string>, options: { compiled?: boolean; nodeFlags?: readonly string[] } = {}): Promise<ChildProcess> {
  const server = (options.compiled ? runCompiled : runNode)('src/cli/start.ts', [], env, options.nodeFlags);
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Archive search ready') && resolve());
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return server;
}

/** Stops a child by its own process id and waits for it. */
export async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const statusMb = (pid: number, field: string): number => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`, 'u').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

export const rssMb = (pid: number): number => statusMb(pid, 'VmRSS');

/** The part of a process's RSS that is its own memory, not pages of files it maps (an engine's index files are mostly the latter, and the kernel can drop them). */
export const anonRssMb = (pid: number): number => statusMb(pid, 'RssAnon');
