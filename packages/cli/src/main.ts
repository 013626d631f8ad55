import { parseCommand, sloUsage, usage } from './args.ts';
import { exitCodes, UsageError, type ExitCode } from './exit-codes.ts';
import { processOutput, type Output } from './output.ts';

/** Runs a command and returns its exit code; never exits, never throws. */
export async function run(argv: readonly string[], output: Output): Promise<ExitCode> {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'help':
        output.out(command.topic === 'slo' ? sloUsage : usage);
        return exitCodes.ok;
      // Loaded on demand, so that help and usage errors answer at once.
      case 'synth':
        return await (await import('./synth.ts')).synth(command, output);
      case 'verify':
        return await (await import('./verify.ts')).verify(command, output);
      case 'slo':
        return await (await import('./slo/command.ts')).slo(command, output);
    }
  } catch (error) {
    output.progress.done();
    if (error instanceof UsageError) {
      output.err(`strata: ${error.message}`);
      output.err(argv[0] === 'slo' ? sloUsage : usage);
      return exitCodes.usage;
    }
    // A bug in strata, not in the user's input: say so, with what is needed to report it.
    output.err(`strata: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    output.err('This is a bug in strata; please report it with the command you ran.');
    return exitCodes.internal;
  }
}

/**
 * The process entry point: the only place that sets the exit code. It sets
 * process.exitCode rather than calling process.exit, so piped output is flushed.
 */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await run(argv, processOutput());
}
