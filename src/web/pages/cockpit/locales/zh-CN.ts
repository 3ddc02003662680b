/** 简体中文 strings of the cockpit pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */

export const strings = {
  cockpit: {
    title: '领导驾驶舱',
    nation: '全国',
    period: { year: '本年', quarter: '本季度', month: '本月' },
    fullscreen: '全屏',
    exitFullscreen: '退出全屏',
    accidents: '事故起数',
    deaths: '死亡人数（含失踪）',
    injuries: '受伤人数',
    loss: '直接经济损失',
    largerAccidents: '较大及以上事故',
    largerDeaths: '较大及以上死亡',
    yoy: '同比',
    up: '增加',
    down: '减少',
    flat: '持平',
    map: '辖区分布示意图（按死亡人数着色，点击下钻）',
    noChildren: '无下级地区',
    drill: '查看{{name}}',
    tileAccidents: '{{n}}起',
    tileDeaths: '死亡{{n}}人',
    yoyDeaths: '死亡同比',
    legend: '死亡人数 0 → {{max}}',
    byMonth: '分月事故起数（本年与去年同期）',
    byIndustry: '分行业事故起数（前8位）',
    byType: '事故类型构成',
    byGrade: '分等级事故起数',
    indicators: '控制指标进度',
    thisYear: '本期',
    lastYear: '去年同期',
  },
};

export default strings;
