import { describe, expect, it } from 'vitest';
import { cellText, freeText, normaliseCategory, normaliseChannel, normalisePhone, normaliseStatus, normaliseVisitKind } from './values.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : null);

describe('ledger vocabularies', () => {
  it.each([
    ['婚姻家庭', '婚姻家庭'],
    ['婚姻家庭纠纷', '婚姻家庭'],
    ['邻里', '邻里纠纷'],
    ['邻里纠纷', '邻里纠纷'],
    ['劳资纠纷', '劳资'],
    ['劳动争议', '劳资'],
    ['山林权属纠纷', '山林权属'],
    ['宅基地纠纷', '宅基地'],
    ['土地承包纠纷', '土地承包'],
    ['民间借贷', '合同债务'],
    ['合同纠纷', '合同债务'],
    [' 其它 ', '其他'],
    ['婚姻家庭纠纷', '婚姻家庭'],
    ['打架斗殴', null],
    ['', null],
  ])('category %j -> %j', (text, expected) => {
    expect(value(normaliseCategory(text))).toBe(expected);
  });

  it.each([
    ['成功', '调解成功'],
    ['已调解', '调解成功'],
    ['调解成功', '调解成功'],
    ['失败', '调解失败'],
    ['调解失败', '调解失败'],
    ['转诉讼', '移交诉讼'],
    ['移交诉讼', '移交诉讼'],
    ['调解中', '调处中'],
    ['调处中', '调处中'],
    ['受理', '受理'],
    ['待调解', '受理'],
    ['已办结', null],
    ['ok', null],
  ])('mediation result %j -> %j', (text, expected) => {
    expect(value(normaliseStatus(text))).toBe(expected);
  });

  it.each([
    ['调委会', '人民调解委员会'],
    ['综治中心', '综治中心'],
    ['好人调解', '好人调解室'],
    ['司法确认', '司法确认'],
    ['电话', null],
  ])('channel %j -> %j', (text, expected) => expect(value(normaliseChannel(text))).toBe(expected));

  it.each([
    ['入户走访', '走访'],
    ['走访', '走访'],
    ['普法宣讲', '法治宣讲'],
    ['法制宣传', '法治宣讲'],
    ['电影放映', '法治电影放映'],
    ['矛盾纠纷排查', '矛盾排查'],
    ['开会', null],
  ])('visit kind %j -> %j', (text, expected) => expect(value(normaliseVisitKind(text))).toBe(expected));

  it('an unknown value is refused with the allowed values, never guessed', () => {
    expect(normaliseCategory('打架斗殴')).toEqual({ ok: false, problem: '无法识别的纠纷类型', expected: expect.stringContaining('以下之一：婚姻家庭、邻里纠纷') });
  });
});

describe('phones and cells', () => {
  it.each([
    ['13907341234', '13907341234'],
    ['139 0734 1234', '13907341234'],
    ['139-0734-1234', '13907341234'],
    ['+86 13907341234', '13907341234'],
    ['０７３４－８１２３４５６', '0734-8123456'],
    ['0734-8123456', '0734-8123456'],
    ['07348123456', '07348123456'],
    ['010 12345678', '01012345678'],
    ['12907341234', null],
    ['1390734123', null],
    ['8123456', null],
    ['电话', null],
  ])('phone %j -> %j', (text, expected) => expect(value(normalisePhone(text))).toBe(expected));

  it.each([
    [null, ''],
    ['  银溪村 ', '银溪村'],
    [13907341234, '13907341234'],
    [430421110200, '430421110200'],
    [1.5, '1.5'],
    [new Date('2025-03-01T00:00:00Z'), '2025-03-01'],
    [true, 'true'],
  ])('cell %j reads as %j', (cell, text) => expect(cellText(cell)).toBe(text));

  it('free text keeps full-width punctuation and refuses what is too long', () => {
    expect(freeText(' 夫妻争执，已和解。 ', 20)).toEqual({ ok: true, value: '夫妻争执，已和解。' });
    expect(freeText('', 20)).toEqual({ ok: true, value: null });
    expect(freeText('长'.repeat(21), 20).ok).toBe(false);
  });
});
