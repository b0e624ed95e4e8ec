import type { Rng } from '../../../geodata/prng.ts';
import type { DisputeCategory, HazardCategory } from '../../contract/enums.ts';

/**
 * Short case texts. The dashboard shows them in lists and pop-ups, so they only need to read
 * plausibly for their category; placeholders add variety without a grammar engine.
 */

const DISPUTE_SUMMARIES: Readonly<Record<DisputeCategory, readonly string[]>> = {
  婚姻家庭: [
    '夫妻因家庭琐事长期争吵，女方要求离婚',
    '子女对老人赡养费用分担产生分歧',
    '离婚后子女抚养权及抚养费发生争议',
    '婆媳矛盾激化，家庭关系紧张',
    '婚约解除后彩礼返还发生纠纷',
    '兄弟姐妹因老人遗产分配发生争执',
  ],
  邻里纠纷: [
    '因{n}组排水沟堵塞引发邻里争执',
    '相邻通行道路被占用，双方发生口角',
    '建房滴水及采光问题引发邻里矛盾',
    '家禽毁坏邻居菜地引发赔偿争议',
    '夜间噪音扰民引发邻里矛盾',
    '犬只咬伤邻居，医疗费赔偿协商未果',
  ],
  山林权属: ['{n}组与相邻村民小组山林界址不清引发争议', '林木采伐权属发生争议', '祖坟山地界争议', '林地流转合同履行发生纠纷'],
  宅基地: ['宅基地界址争议，涉及约{m}平方米', '新建房屋占用邻户宅基地', '旧宅拆除后宅基地使用权发生争议', '宅基地继承分割发生纠纷'],
  土地承包: ['承包田边界争议，涉及约{a}亩', '土地流转租金拖欠引发纠纷', '撂荒地收回引发承包户不满', '征地补偿款分配发生争议', '灌溉用水分配引发农户争执'],
  劳资: ['拖欠务工人员工资{k}元', '工伤赔偿协商未果', '劳务报酬结算发生争议', '未签订劳动合同引发用工纠纷'],
  合同债务: ['民间借贷{k}元到期未还', '买卖合同货款{k}元拖欠', '房屋租赁押金退还发生争议', '装修工程款结算发生纠纷', '农资赊销款拖欠'],
  其他: ['交通事故损害赔偿协商', '消费者权益争议', '医疗费用分担争议', '物业服务费用争议', '养殖污染引发相邻争议'],
};

const HAZARD_DESCRIPTIONS: Readonly<Record<HazardCategory, readonly string[]>> = {
  治安: ['{p}附近有人聚众赌博', '{p}夜间发生盗窃，群众反映', '{p}有可疑人员徘徊', '{p}有人酒后滋事'],
  消防: ['{p}电动车违规充电', '{p}私拉乱接电线', '野外用火烧荒，存在山火隐患', '祭扫燃放鞭炮存在火灾隐患', '{p}消防通道被堵塞'],
  交通: ['{p}路口缺少警示标志', '农用车违规载人', '{p}路段路面塌陷', '学生上下学接送秩序混乱', '{p}附近弯道视距不足'],
  地质灾害: ['{p}后山出现裂缝', '连续降雨，{p}边坡有滑坡迹象', '{p}附近山体落石', '房屋后方切坡存在垮塌隐患'],
  涉毒: ['{p}附近疑似有人吸食毒品', '群众举报{p}有可疑化学气味', '社区戒毒人员失联'],
  电信诈骗: ['村民接到冒充公检法的诈骗电话', '{p}有人推广可疑投资软件', '老年人疑似被保健品推销诈骗', '有可疑人员收购银行卡'],
  安全生产: ['{p}小作坊存在安全隐患', '{p}液化气瓶违规存放', '建筑工地未设安全防护', '烟花爆竹非法储存'],
  其他: ['{p}山塘无防护栏', '{p}电线杆倾斜', '流浪犬伤人隐患', '{p}附近危房无人看管'],
};

const PLACES = ['村部', '小学', '集市', '河堤', '山塘', '组道', '村口', '祠堂', '加油站', '卫生室', '商铺', '厂房'] as const;

function fill(rng: Rng, template: string): string {
  return template.replace(/\{([nmakp])\}/g, (_, key: string) => {
    switch (key) {
      case 'n':
        return String(1 + rng.int(15));
      case 'm':
        return String(10 + rng.int(111));
      case 'a':
        return (0.5 + rng.int(46) / 10).toFixed(1);
      case 'k':
        return String((30 + rng.int(770)) * 100);
      default:
        return rng.pick(PLACES);
    }
  });
}

export function disputeSummary(rng: Rng, category: DisputeCategory): string {
  return fill(rng, rng.pick(DISPUTE_SUMMARIES[category]));
}

export function hazardDescription(rng: Rng, category: HazardCategory): string {
  return fill(rng, rng.pick(HAZARD_DESCRIPTIONS[category]));
}
