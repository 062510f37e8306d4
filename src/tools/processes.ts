import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';

/** Runs a TypeScript entry point in a node process of its own (one process, so its RSS is its own). */
export function runNode(script: string, args: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', projectPath(script), ...args], { cwd: projectPath('.'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Waits for a process to exit, with what it printed. */
export function collect(child: ChildProcess): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout })));
}

/** Starts the site (`npm start`'s entry point) against the given engine and waits until it serves. */
export async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const server = runNode('src/cli/start.ts', [], env);
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

export const rssMb = (pid: number): number => Math.round(Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
