import { type CliIo, EXIT, UsageError } from './_lib/io';
import { ATTRIBUTE_HELP, attributeCommand } from './commands/attribute';
import { COUNCIL_HELP, councilCommand } from './commands/council';
import { DEMO_HELP, demoCommand } from './commands/demo';
import { DIFF_HELP, diffCommand } from './commands/diff';
import { GLOSSARY_HELP, glossaryCommand } from './commands/glossary';
import { ICP_REVIEW_HELP, icpReviewCommand } from './commands/icpReview';
import { PILOT_HELP, pilotCommand } from './commands/pilot';
import { RECONCILE_HELP, reconcileCommand } from './commands/reconcile';
import { REVIEW_HELP, reviewCommand } from './commands/review';
import { ROUTE_HELP, routeCommand } from './commands/route';
import { SAMPLE_HELP, sampleCommand } from './commands/sample';
import { SCORECARD_HELP, scorecardCommand } from './commands/scorecard';
import { SLA_HELP, slaCommand } from './commands/sla';
import { VALIDATE_HELP, validateCommand } from './commands/validate';

declare const __ACCORD_VERSION__: string | undefined;
const VERSION = typeof __ACCORD_VERSION__ === 'string' ? __ACCORD_VERSION__ : '0.0.0-dev';

export const HELP = `accord — the Sales–Marketing operating agreement, as code

Usage: accord <command> [options]

Commands:
  demo                      the main job on generated data: agreement, sample, funnel, lead standard
  validate <agreement.json> check an agreement; exit 2 with every issue
  sample                    write seeded, realistic sample data as canonical CSV
  sla <leads> <activities>  every SLA clock, next breach first; breach rate by side
  route <leads>             route leads and explain each assignment; --audit finds misroutes
  scorecard <leads>         the shared scorecard: metrics by group and period, against targets
  attribute <file>          credit conversions to channels: rule-based, Markov, Shapley, or all
  icp-review <leads>        the quarterly ICP review: rates by ICP tier and criterion, reasons, changes to pilot
  glossary [agreement]      publish the frozen definitions (stages, SLAs, reasons, metrics) as Markdown + HTML
  diff <old> <new>          what changed between two agreement versions, in words
  pilot <leads>             the scorecard under a candidate agreement beside the baseline, with deltas
  review <leads>            the weekly review: a stratified sample of accepted and rejected leads, each with its why
  reconcile <claims.csv>    Marketing's claims against the CRM, deal by deal: every delta explained, totals exact
  council <leads>           the monthly funnel council: furthest off target, movers, SLAs, rejects, misroutes, decisions due
  help [command]            show help

Options: --json (one JSON document on stdout), --help, --version
Exit codes: 0 ok, 2 bad input, 1 internal failure.`;

const COMMANDS: Record<string, { run: (args: readonly string[], io: CliIo) => Promise<number>; help: string }> = {
  demo: { run: demoCommand, help: DEMO_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  route: { run: routeCommand, help: ROUTE_HELP },
  sample: { run: sampleCommand, help: SAMPLE_HELP },
  sla: { run: slaCommand, help: SLA_HELP },
  scorecard: { run: scorecardCommand, help: SCORECARD_HELP },
  attribute: { run: attributeCommand, help: ATTRIBUTE_HELP },
  'icp-review': { run: icpReviewCommand, help: ICP_REVIEW_HELP },
  glossary: { run: glossaryCommand, help: GLOSSARY_HELP },
  diff: { run: diffCommand, help: DIFF_HELP },
  pilot: { run: pilotCommand, help: PILOT_HELP },
  review: { run: reviewCommand, help: REVIEW_HELP },
  reconcile: { run: reconcileCommand, help: RECONCILE_HELP },
  council: { run: councilCommand, help: COUNCIL_HELP },
};

/**
 * @name run
 * @category CLI
 * @summary Runs the `accord` command line with the given arguments; returns the exit code.
 *
 * @description
 * Bad input (unknown command or flag, an invalid agreement, a missing file) prints a message to
 * stderr and returns 2 — never a stack trace. Anything unexpected returns 1; set ACCORD_DEBUG=1 to
 * see its stack.
 *
 * @param argv - The arguments after the program name.
 * @param io - Where to read and write (defaults to the process).
 * @returns 0, 1 or 2.
 *
 * @example
 * process.exitCode = await run(['validate', 'agreement.json'])
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout.write(`${HELP}\n`);
      return command === undefined ? EXIT.badInput : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (command === 'help') {
      const topic = rest[0];
      io.stdout.write(`${topic && COMMANDS[topic] ? COMMANDS[topic].help : HELP}\n`);
      return EXIT.ok;
    }
    const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!entry)
      throw new UsageError(
        `Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "accord --help".`,
      );
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${entry.help}\n`);
      return EXIT.ok;
    }
    return await entry.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`accord: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`accord: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.ACCORD_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    else io.stderr.write('Set ACCORD_DEBUG=1 for details, and please report it.\n');
    return EXIT.internal;
  }
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
