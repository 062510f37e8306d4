// The process that supervises the embedded engine of one folder (see superviseEngine). Started,
// detached in a session of its own, by the first command that needs the engine; its output is the
// folder's supervisor.log.
import { superviseEngine } from './supervisor.ts';

const home = process.argv[2];
if (home === undefined) {
  console.error('usage: supervisor-process.ts MEILI_HOME');
  process.exitCode = 2;
} else {
  await superviseEngine(home).catch((error: unknown) => {
    console.error(`${new Date().toISOString()} the supervisor failed:`, error);
    process.exit(1);
  });
}
