/**
 * The command line. Only commander and the error helpers load up front:
 * the SDK, Ink and React are imported by the command that needs them, so
 * `--help` and `--version` answer at once.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { describeFailure } from './errors.js';
import type { SimulateFlags } from './simulate.js';
import type { VerifyFlags } from './verify.js';
import type { InsightsFlags } from './insights.js';
import { parseAccount, parseConcurrency, parsePort, parseScale, parseSeed, type RunFlags, type SessionOptions } from './flags.js';

const DEFAULT_SEED = 20190401;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The flags that choose an account and where state lives, on every command that needs them. */
function withSessionOptions(command: Command): Command {
  return command
    .option('--sandbox', 'run on the local sandbox cloud that ships inside this tool (no AWS account needed)')
    .addOption(
      new Option('--sandbox-account <id>', 'act as this 12-digit sandbox account (default 000000000000)').argParser(parseAccount),
    )
    .option('--profile <name>', 'AWS profile from ~/.aws/config (default: the SDK chain: env, default profile, SSO, container, instance)')
    .option('--region <region>', 'AWS region (default: AWS_REGION, then the profile, then instance metadata; us-east-1 on the sandbox)')
    .option('--home <dir>', 'folder for progress, logs and sandbox data (THEMEPARK_HOME wins; default ~/.themepark-workshop)')
    .option('--debug', 'show stack traces on failure');
}

function withSimulatorOptions(command: Command): Command {
  return command
    .addOption(new Option('--scale <share>', 'share of the full park crowd to simulate, 0 to 1').default(1).argParser(parseScale))
    .addOption(new Option('--seed <n>', 'seed for the simulator; the same seed and scale give the same records').default(DEFAULT_SEED).argParser(parseSeed));
}

export function buildProgram(run: Handlers): Command {
  const program = new Command()
    .name('themepark-workshop')
    .description(
      'Takes you through "Analyzing visitor stats" of the Innovator Island workshop: wristband taps stream ' +
        'through Amazon Data Firehose into S3 and are analysed in Amazon QuickSight, on AWS or on a local sandbox.',
    )
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    // Set before the sub-commands are added, which inherit both.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(formatUsageError(text)) });

  withSimulatorOptions(withSessionOptions(program))
    .option('--step <id>', 'start at this step (with --yes, run it again even if done); `status` lists the ids')
    .option('-y, --yes', 'no prompts: run from the saved position to the end, one line per event')
    .option('--show-commands', 'in plain mode, print the AWS CLI commands each step stands for')
    .action((flags: RunFlags) => run.workshop(flags));

  withSessionOptions(program.command('status'))
    .description('show saved progress for the current account and region')
    .option('--json', 'print one JSON object')
    .action((flags: SessionOptions & { json?: boolean }) => run.status(flags));

  withSessionOptions(program.command('verify'))
    .description('run every check against an account, read-only; exit 0 only when all pass')
    .option('--json', 'print one JSON object (one per line with --accounts)')
    .option('--accounts <file>', 'check a class: one profile, role ARN, or (with --sandbox) sandbox account id per line')
    .addOption(new Option('--concurrency <n>', 'accounts checked at once with --accounts').default(8).argParser(parseConcurrency))
    .action((flags: VerifyFlags) => run.verify(flags));

  withSessionOptions(program.command('cleanup'))
    .description('remove everything the module created (QuickSight resources, the data, the stack), after asking')
    .option('-y, --yes', 'do not ask; needed when there is no terminal')
    .action((flags: SessionOptions & { yes?: boolean }) => run.cleanup(flags));

  withSessionOptions(program.command('insights'))
    .description("the module's five visuals and three challenges, computed from the records in the bucket")
    .option('--json', 'print one JSON object with every figure (an answer key)')
    .option('--time-zone <zone>', "the park's IANA time zone (default America/Chicago)")
    .action((flags: InsightsFlags) => run.insights(flags));

  withSimulatorOptions(withSessionOptions(program.command('simulate')))
    .description('run the park simulator alone: to a file (--out FILE, - for stdout) or to a delivery stream (--stream NAME)')
    .option('--out <file>', 'write the day as JSON lines to this file, or - for standard output')
    .option('--stream <name>', 'send the day to this Firehose delivery stream')
    .option('--date <YYYY-MM-DD>', 'the simulated calendar day (default: today in the park\'s time zone)')
    .action((flags: SimulateFlags) => run.simulate(flags));

  program
    .command('sandbox')
    .description('run the local sandbox cloud on its own and print how to point the AWS CLI at it')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)').default(4510).argParser(parsePort))
    .option('--home <dir>', 'folder for the sandbox\'s data (THEMEPARK_HOME wins; default ~/.themepark-workshop)')
    .option('--debug', 'show stack traces')
    .action((flags: { port: number; home?: string; debug?: boolean }) => run.sandbox(flags));

  program.addHelpText(
    'after',
    `
Examples:
  themepark-workshop --sandbox                 the whole module on the local sandbox
  themepark-workshop --profile workshop        the module on AWS with a named profile
  themepark-workshop --sandbox --yes --scale 0.05   unattended, on a small crowd
  themepark-workshop status --sandbox          where you are
  themepark-workshop verify --accounts class.txt --json   a whole class, for an instructor
  themepark-workshop insights --sandbox --json   every figure of the day, as an answer key
  themepark-workshop simulate --scale 0.1 --out day.jsonl

Environment:
  THEMEPARK_HOME                  home folder (wins over --home)
  NO_COLOR                        no colours
  THEMEPARK_SANDBOX_TIME_SCALE    sandbox waits run this many times faster (default 1)
  THEMEPARK_SANDBOX_QUOTA         sandbox Firehose quota "records/s,requests/s,MiB/s"
  THEMEPARK_SANDBOX_FAULTS        sandbox faults, e.g. "partial=0.1,throttle=0.05,drop=0.01"
  THEMEPARK_SANDBOX_FAULT_SEED    seed for those faults, to repeat a run
  THEMEPARK_SANDBOX_QUICKSIGHT    sandbox QuickSight accounts, e.g. "unsubscribed" or "no-s3-access" (see README)
  THEMEPARK_QUICKSIGHT_EMAIL      notification e-mail, to subscribe to QuickSight through the API
  THEMEPARK_QUICKSIGHT_USER       the QuickSight user that owns what the module creates`,
  );
  return program;
}

/** Commander's message, on one line, and where to look next. */
function formatUsageError(text: string): string {
  const message = text.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\?\)/, ' (did you mean $1?)').trimEnd();
  return `✗ ${message}\n  Run themepark-workshop --help to see every command and flag.\n`;
}

export interface Handlers {
  workshop(flags: RunFlags): Promise<void>;
  status(flags: SessionOptions & { json?: boolean }): Promise<void>;
  sandbox(flags: { port: number; home?: string; debug?: boolean }): Promise<void>;
  simulate(flags: SimulateFlags): Promise<void>;
  verify(flags: VerifyFlags): Promise<void>;
  cleanup(flags: SessionOptions & { yes?: boolean }): Promise<void>;
  insights(flags: InsightsFlags): Promise<void>;
}

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const handlers: Handlers = {
    workshop: async (flags) => {
      exitCode = await (await import('./run-workshop.js')).runWorkshop(flags);
    },
    status: async (flags) => {
      exitCode = await (await import('./status.js')).runStatus(flags);
    },
    sandbox: async (flags) => {
      exitCode = await (await import('./sandbox.js')).runSandbox(flags);
    },
    verify: async (flags) => {
      exitCode = await (await import('./verify.js')).runVerify(flags);
    },
    cleanup: async (flags) => {
      exitCode = await (await import('./cleanup.js')).runCleanup(flags);
    },
    insights: async (flags) => {
      exitCode = await (await import('./insights.js')).runInsightsCommand(flags);
    },
    simulate: async (flags) => {
      exitCode = await (await import('./simulate.js')).runSimulate(flags);
    },
  };
  const program = buildProgram(handlers);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage error exits 2 as documented.
      return error.exitCode === 0 ? 0 : 2;
    }
    const report = describeFailure(error, argv.includes('--debug'));
    process.stderr.write(report.lines.join('\n') + '\n');
    return report.exitCode;
  }
}
