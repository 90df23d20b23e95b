import { USAGE, parseCli } from './cli-options';
import { formatProgress, formatReport } from './report/format';
import { SimulatorOptionError, startSimulator } from './simulator';

const EXIT_USAGE = 64;

/** Progress and notes go to stderr, so that stdout carries only the report (`--json` pipes cleanly). */
async function main(): Promise<number> {
  const command = parseCli(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (!stop.signal.aborted) {
      note('stopping: waiting for outstanding acknowledgements (Ctrl-C again to quit at once)');
      stop.abort();
      return;
    }
    note('quit without waiting: unacknowledged batches are lost');
    process.exit(130);
  });
  process.on('SIGTERM', () => stop.abort());

  const report = await startSimulator({
    ...command.options,
    signal: stop.signal,
    log: note,
    onProgress: (progress) => note(formatProgress(progress)),
  });
  const text = command.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`;
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  return report.complete ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SimulatorOptionError) {
      process.stderr.write(`robot-sim: ${error.message} (--help lists the flags)\n`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(
      `robot-sim failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
