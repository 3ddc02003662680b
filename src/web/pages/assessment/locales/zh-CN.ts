/** 简体中文 strings of the assessment pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */

export const strings = {
  assessment: {
    title: '报送考核',
    rank: '排名',
    region: '地区',
    score: '得分',
    accidents: '事故起数',
    duplicates: '重复报送',
    deduction: '扣 {{points}} 分',
    noData: '无数据',
    up: '返回上级',
    export: '导出 Excel',
    metrics: {
      receivedOnTime: '接报及时率',
      forwardedOnTime: '上报及时率',
      nodesOnTime: '直报节点按时率',
      followupCoverage: '续报覆盖率',
      completeness: '要素完整率',
    },
    note: '计分方法：{{weights}}（满分100分，无应计数的指标不计入并按比例折算）；重复报送按占比扣分，全部重复扣 {{deduction}} 分。数据截至 {{asOf}}。',
  },
};

export default strings;
