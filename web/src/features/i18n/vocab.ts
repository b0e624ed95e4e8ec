import type { Lang } from './format.ts';

/**
 * English names of the county's closed vocabularies (api/contract/enums.ts). The Chinese value is
 * both the API value and the zh label.
 */
const EN: Record<string, string> = {
  婚姻家庭: 'Marriage & family',
  邻里纠纷: 'Neighbours',
  山林权属: 'Forest rights',
  宅基地: 'Homestead',
  土地承包: 'Land contracts',
  劳资: 'Labour & wages',
  合同债务: 'Contracts & debts',
  其他: 'Other',
  治安: 'Public order',
  消防: 'Fire',
  交通: 'Traffic',
  地质灾害: 'Geological',
  涉毒: 'Drugs',
  电信诈骗: 'Telecom fraud',
  安全生产: 'Work safety',
  受理: 'Received',
  调处中: 'In mediation',
  调解成功: 'Mediated',
  调解失败: 'Mediation failed',
  移交诉讼: 'Referred to court',
  上报: 'Reported',
  已分流: 'Routed',
  处置中: 'Being handled',
  已办结: 'Closed',
  走访: 'Home visit',
  法治宣讲: 'Legal talk',
  法治电影放映: 'Legal film',
  矛盾排查: 'Dispute screening',
  公安: 'Police',
  检察院: 'Procuratorate',
  法院: 'Court',
  司法局: 'Justice bureau',
  综治中心: 'Governance centre',
  人民调解委员会: "People's mediation committee",
  公约守护人: 'Covenant guardian',
  好人调解室: 'Good-neighbour mediation room',
  司法确认: 'Judicial confirmation',
  村: 'Village',
  社区: 'Community',
  镇: 'Town',
  乡: 'Township',
};

/** The label of an enum value in the UI language; unknown values show as they are. */
export function vocab(value: string, lang: Lang): string {
  return lang === 'zh' ? value : (EN[value] ?? value);
}
