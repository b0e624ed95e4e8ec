import { describe, expect, it } from 'vitest';
import { isConnectionFault } from './process-faults.ts';

describe('isConnectionFault', () => {
  it.each([
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    [Object.assign(new Error('x'), { code: '57P02' }), true],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), false],
    [new RangeError('Invalid string length'), false],
    ['Connection terminated', false],
    [null, false],
  ])('%s -> %s', (err, expected) => {
    expect(isConnectionFault(err)).toBe(expected);
  });
});
