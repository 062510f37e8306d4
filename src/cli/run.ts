import { ConfigError } from '../config.ts';
import { EngineStartError } from '../engine/errors.ts';

/** Runs a command: known failures print one clear line, the exit code says how it went. */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EngineStartError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  }
}
