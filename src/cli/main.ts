import { Command, CommanderError } from 'commander';
import { toMamoriError } from '../core/index.js';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit.js';

const program = new Command('mamori')
  .description('mamori (守り): keep sensitive documents in, and know exactly what left when they did not')
  .option('--data-dir <dir>', 'where mamori keeps its data (env MAMORI_DATA_DIR)', undefined)
  .option('--config <file>', 'YAML configuration (env MAMORI_CONFIG)')
  .showHelpAfterError()
  .exitOverride();

for (const register of COMMANDS) register(program);

// `mamori … | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version exit 0; commander already printed usage errors.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
  } else {
    const err = toMamoriError(e);
    process.stderr.write(`mamori: ${err.code}: ${err.message}\n`);
    process.exitCode = err.code === 'ERR_INTERNAL' || err.code === 'ERR_STORE' || err.code === 'ERR_BUS' ? EXIT.failure : EXIT.usage;
    if (process.env.MAMORI_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
  }
}
