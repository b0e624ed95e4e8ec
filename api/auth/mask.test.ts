import { describe, expect, it } from 'vitest';
import { applyView, maskName, maskPhone } from './mask.ts';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张', '张*'],
    ['欧阳娜娜', '欧***'],
    [' 李四 ', '李*'],
    ['', ''],
    [null, null],
  ])('%j -> %j', (input, out) => expect(maskName(input)).toBe(out));
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['0734-1234567', '0734-***4567'],
    ['073412345678', '0734****5678'],
    ['12', '**'],
    ['+86 138', '*****38'],
    [null, null],
  ])('%j -> %j', (input, out) => expect(maskPhone(input)).toBe(out));
});

describe('applyView', () => {
  it.each([
    ['full', { name: '王五', phone: '13900001111' }],
    ['masked', { name: '王*', phone: '139****1111' }],
    ['none', { name: null, phone: null }],
  ] as const)('%s', (view, out) => expect(applyView(view, '王五', '13900001111')).toEqual(out));
});
