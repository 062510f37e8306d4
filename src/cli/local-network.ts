import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNetwork } from '../engine/local-network.ts';
import { runCli } from './run.ts';

const USAGE = `usage: npm run network -- [--nodes N] [--port P] [--home DIR]
  Runs N Meilisearch (default 3) on 127.0.0.1, ports P, P+1, … (default 7701), data in DIR/node-K
  (default .meili-network), and writes DIR/network.json for MEILI_NETWORK. Stop it with Ctrl-C.`;

function readArguments(): { nodes: number; port: number; home: string } | number {
  const { values } = parseArgs({
    options: { nodes: { type: 'string', default: '3' }, port: { type: 'string', default: '7701' }, home: { type: 'string', default: '.meili-network' }, help: { type: 'boolean', short: 'h' } },
  });
  const nodes = Number(values.nodes);
  const port = Number(values.port);
  if (values.help || !Number.isInteger(nodes) || nodes < 1 || nodes > 16 || !Number.isInteger(port) || port < 1 || port + nodes > 65536) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  return { nodes, port, home: values.home };
}

await runCli(async () => {
  const args = readArguments();
  if (typeof args === 'number') return args;
  const network = await startLocalNetwork(args.home, args.nodes, args.port);
  const file = resolve(join(args.home, 'network.json'));
  const nodes = Object.fromEntries(network.nodes.map(({ name, url, masterKey }) => [name, { url, masterKey }]));
  // It holds the master keys: readable by the owner only, like each node's own key file.
  writeFileSync(file, `${JSON.stringify({ nodes }, null, 2)}\n`, { mode: 0o600 });
  console.log(`${args.nodes} engines: ${network.nodes.map((node) => `${node.name} ${node.url}`).join(', ')}`);
  console.log(`In another terminal:  MEILI_NETWORK=${file} npm start   (or npm run index -- PATH…)`);
  // The engines' processes are not ours to wait on (each runs in a group of its own): this timer keeps the command up.
  const running = setInterval(() => {}, 60_000);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  clearInterval(running);
  console.log('stopping the engines');
  await network.stop();
  return 0;
});
