import type { Rng } from '../../../geodata/prng.ts';

/**
 * Synthetic people. Surnames follow their rough frequency in Hunan; given names are drawn
 * from common characters, so names look real but belong to no one in particular.
 */

const SURNAMES = [
  '刘', '李', '王', '张', '陈', '周', '罗', '谢', '唐', '彭', '曾', '邓', '肖', '胡', '黄',
  '杨', '赵', '吴', '蒋', '贺', '颜', '廖', '朱', '谭', '宋', '龙', '邹', '文', '欧阳', '许',
] as const;
const SURNAME_WEIGHTS = [
  9, 8, 7, 6, 6, 5, 4.5, 4, 4, 3.5, 3.5, 3.2, 3, 3, 3, 3, 2.8, 2.5, 2.2, 2, 1.8, 1.8, 1.8, 1.7, 1.5, 1.4, 1.3, 1.2, 0.9, 1.2,
];

const GIVEN_CHARS = [
  '建', '国', '华', '军', '明', '伟', '平', '强', '红', '英', '芳', '丽', '敏', '静', '文', '志',
  '勇', '春', '秋', '海', '林', '峰', '辉', '新', '东', '杰', '波', '涛', '霞', '燕', '兰', '梅',
  '玉', '金', '德', '成', '利', '佳', '思', '雨', '欣', '宇', '浩', '俊', '鹏', '飞', '超', '颖',
  '湘', '衡', '岳', '清', '永', '兴', '家', '振', '荣', '秀', '桂', '云', '晓', '子', '一', '嘉',
] as const;

export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const given = rng.chance(0.72) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return surname + given;
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '157', '158',
  '159', '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '199',
] as const;

/** An 11-digit mainland mobile number shape; synthetic, not checked against any register. */
export function mobilePhone(rng: Rng): string {
  let digits: string = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(rng.int(10));
  return digits;
}
