// A parse worker for run-parse.test.ts: does what the test asks, to exercise each way a parse ends.
import { AppError } from '../errors.ts';
import { serveParse } from './parse-worker.ts';

serveParse<{ mode: string; bytes?: Uint8Array }, unknown>((input) => {
  if (input.mode === 'echo') return { value: { length: input.bytes?.length ?? 0 } };
  if (input.mode === 'app-error') throw new AppError(400, 'unreadable_file', 'cannot read it', { file: 'bad' }, { hint: 1 });
  if (input.mode === 'range-error') throw new RangeError('Invalid string length');
  if (input.mode === 'bug') throw new TypeError('x is undefined');
  if (input.mode === 'spin') for (;;);
  if (input.mode === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
  throw new Error(`unknown mode ${input.mode}`);
});
