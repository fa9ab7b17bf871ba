// `rackhive` — the command line over the same engines the app uses.
import { parseArgs } from 'node:util';
import { loadCommand, loadCommands } from './commands/index';
import { UsageError, type CliIO } from './command';
import { APP_VERSION } from '#core/version';

const stdio: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export async function helpText(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  return [
    `rackhive ${APP_VERSION} — plan AI servers from used parts`,
    '',
    'Usage: rackhive <command> [options]',
    '       rackhive <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help',
    '  --version, -v  print the version',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(await helpText());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = await loadCommand(first);
  if (!command) {
    io.err(`rackhive: unknown command '${first}'. Run 'rackhive --help' for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`rackhive ${command.name}: ${err.message}`);
      io.err(command.usage);
      return 2;
    }
    io.err(`rackhive ${command.name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

export { parseArgs };
