/**
 * Command-line flags for every script, declared with node:util's parseArgs in strict mode: an
 * unknown flag, a missing value or a stray argument is an error carrying the usage line, never
 * silently ignored (a mistyped `--dry-rnu` must not import for real). `--help` is always accepted.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Bad command line: the message names the problem, `usage` the way to call the script. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

const HELP = { help: { type: 'boolean' } } as const;

/** Parses argv against the declared options; throws UsageError for anything undeclared. */
export function cliArgs<O extends Options, P extends boolean = false>(argv: readonly string[], usage: string, options: O, positionals?: P) {
  const config = { args: [...argv], options: { ...options, ...HELP }, strict: true as const, allowPositionals: (positionals ?? false) as P, tokens: true as const };
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(usageMessage(e), usage);
  }
}

/** parseArgs's words on one line (they say how to pass a value starting with a dash), an unknown flag as the scripts always said it. */
function usageMessage(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const unknown = (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec(e.message);
  return unknown ? `unknown option ${unknown[1]}` : e.message.replace(/\n/g, ' ');
}

/**
 * For a script run from the command line: the parsed flags, or the usage printed and the process
 * ended (`--help`: stdout, status 0; a bad command line: stderr with the problem, status 2).
 */
export function cliArgsOrExit<O extends Options, P extends boolean = false>(name: string, usage: string, options: O, positionals?: P) {
  try {
    const parsed = cliArgs(process.argv.slice(2), usage, options, positionals);
    // Inside this generic function TypeScript cannot resolve the values' keys; `help` is always declared.
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${name}: ${e.message}\n${usage}`);
    process.exit(2);
  }
}
