import { describe, expect, it } from 'vitest';
import { cliArgs, UsageError } from './cli-args.ts';

const USAGE = 'usage: npm run x -- [--seed N] [--dry-run]';
const OPTIONS = { seed: { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('cliArgs', () => {
  it('reads declared flags with a separate or an inline value, and --help', () => {
    expect(cliArgs(['--seed', '7', '--dry-run'], USAGE, OPTIONS).values).toEqual({ seed: '7', 'dry-run': true });
    expect(cliArgs(['--seed=8'], USAGE, OPTIONS).values).toEqual({ seed: '8' });
    expect(cliArgs(['--help'], USAGE, OPTIONS).values).toEqual({ help: true });
  });

  it('refuses an unknown or mistyped flag instead of ignoring it, with the usage line', () => {
    const e = usageError(() => cliArgs(['--dry-rnu'], USAGE, OPTIONS));
    expect(e.message).toBe('unknown option --dry-rnu');
    expect(e.usage).toBe(USAGE);
  });

  it('refuses a flag without its value and a value given to a switch', () => {
    expect(usageError(() => cliArgs(['--seed'], USAGE, OPTIONS)).message).toMatch(/--seed/);
    expect(usageError(() => cliArgs(['--dry-run=yes'], USAGE, OPTIONS)).message).toMatch(/--dry-run/);
  });

  it('takes positional arguments only where the script declares them', () => {
    expect(usageError(() => cliArgs(['file.csv'], USAGE, OPTIONS)).message).toMatch(/Unexpected argument 'file.csv'/);
    expect(cliArgs(['file.csv', '--seed', '1'], USAGE, OPTIONS, true).positionals).toEqual(['file.csv']);
  });
});
