/** 简体中文 strings of the indicators pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */

export const strings = {
  indicators: {
    title: '控制指标',
    year: '年度',
    region: '地区',
    statusCol: '状态',
    deaths: '死亡人数',
    accidents: '事故起数',
    largerAccidents: '较大事故起数',
    deathCap: '死亡人数控制数',
    accidentCap: '事故起数控制数',
    largerAccidentCap: '较大事故起数控制数',
    deathReductionPct: '死亡人数同比下降（%）',
    accidentReductionPct: '事故起数同比下降（%）',
    note: '文件依据 / 备注',
    required: '请填写控制数',
    reductionHint: '同比下降目标按上年实际折算：上年实际 ×（1 − 下降比例），向下取整；与控制数取较严者。',
    rules:
      '实际数为本年截至当前（已核销的除外，死亡含失踪，较大事故含较大及以上）。绿：不超过时间进度；黄：超过时间进度；红：超过时间进度10个百分点以上或已突破控制数。虚线为时间进度。',
    edit: '设定指标',
    editTitle: '设定{{name}}{{year}}年度控制指标',
    unchanged: '指标未变化',
    warnings: '下级指标合计超出上级控制数（仅提示，已保存）',
    paceValue: '时间进度 {{pct}}',
    asOf: '截至 {{time}}',
    allocationSum: '下级合计 / 本级控制数',
    setBy: '下达',
    setByValue: '{{name}} 于 {{time}} 设定（第{{version}}版）',
    children: '下级地区指标进度（落后者在前）',
    noChildren: '无下级地区',
    notSet: '未下达',
    deathRatio: '死亡 {{pct}}',
    statusLabel: { green: '绿', yellow: '黄', red: '红', none: '未下达' },
    statusHint: {
      green: '进度正常：不超过时间进度',
      yellow: '超过时间进度',
      red: '超过时间进度10个百分点以上，或已突破控制数',
      none: '本年度尚未下达控制指标',
    },
  },
};

export default strings;
