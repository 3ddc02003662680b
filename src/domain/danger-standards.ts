/**
 * 重大事故隐患判定标准: the items a 重大 danger names (regulations.md §7.3), as far as the texts were retrieved.
 * - 《工贸企业重大事故隐患判定标准》(应急管理部令第10号, in force 2023-05-15), 第三条 通用 situations.
 * - 《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准(试行)》(安监总管三〔2017〕121号), items 1–14.
 * The codes are ours (stable identifiers for the API); the texts are the standards'.
 */

export interface StandardItem {
  code: string;
  standard: 'gongmao2023' | 'huagong2017';
  article: string;
  text: string;
}

export const DANGER_STANDARD_NAMES: Record<StandardItem['standard'], string> = {
  gongmao2023: '工贸企业重大事故隐患判定标准（应急管理部令第10号）',
  huagong2017: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）（安监总管三〔2017〕121号）',
};

const GM = (n: number, text: string): StandardItem => ({
  code: `GM2023-3-${n}`,
  standard: 'gongmao2023',
  article: `第三条第（${'一二三'[n - 1]}）项`,
  text,
});

const HG = (n: number, text: string): StandardItem => ({
  code: `HG2017-${String(n).padStart(2, '0')}`,
  standard: 'huagong2017',
  article: `第${n}项`,
  text,
});

export const DANGER_STANDARD_ITEMS: readonly StandardItem[] = [
  GM(1, '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查的'),
  GM(2, '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的'),
  GM(3, '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格的'),
  HG(1, '危险化学品生产、经营单位主要负责人和安全生产管理人员未依法经考核合格'),
  HG(2, '特种作业人员未持证上岗'),
  HG(3, '涉及“两重点一重大”的生产装置、储存设施外部安全防护距离不符合国家标准要求'),
  HG(
    4,
    '涉及重点监管危险化工工艺的装置未实现自动化控制，系统未实现紧急停车功能，装备的自动化控制系统、紧急停车系统未投入使用',
  ),
  HG(
    5,
    '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能；涉及毒性气体、液化气体、剧毒液体的一级、二级重大危险源的危险化学品罐区未配备独立的安全仪表系统',
  ),
  HG(6, '全压力式液化烃储罐未按国家标准设置注水措施'),
  HG(7, '液化烃、液氨、液氯等易燃易爆、有毒有害液化气体的充装未使用万向管道充装系统'),
  HG(8, '光气、氯气等剧毒气体及硫化氢气体管道穿越除厂区（包括化工园区、工业园区）外的公共区域'),
  HG(9, '地区架空电力线路穿越生产区且不符合国家标准要求'),
  HG(10, '在役化工装置未经正规设计且未进行安全设计诊断'),
  HG(11, '使用淘汰落后安全技术工艺、设备目录列出的工艺、设备'),
  HG(12, '涉及可燃和有毒有害气体泄漏的场所未按国家标准设置检测报警装置，爆炸危险场所未按国家标准安装使用防爆电气设备'),
  HG(13, '控制室或机柜间面向具有火灾、爆炸危险性装置一侧不满足国家标准关于防火防爆的要求'),
  HG(14, '化工生产装置未按国家标准要求设置双重电源供电，自动化控制系统未设置不间断电源'),
];

const BY_CODE = new Map(DANGER_STANDARD_ITEMS.map((i) => [i.code, i]));

export function standardItem(code: string): StandardItem | undefined {
  return BY_CODE.get(code);
}
