/** 简体中文 strings of the enterprises pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */

export const strings = {
  licence: {
    title: '许可证',
    new: '登记许可证',
    newTitle: '登记许可证',
    edit: '修改',
    editTitle: '修改许可证：{{name}}',
    type: '许可证类型',
    number: '许可证编号',
    issuer: '发证机关',
    scope: '许可范围',
    validity: '有效期',
    validityHint: '安全生产许可证有效期为3年（《安全生产许可证条例》第九条）',
    validFrom: '有效期起',
    validTo: '有效期至',
    recordedStatus: '许可状态',
    state: '状态',
    daysLeftTitle: '剩余天数',
    daysLeft: '剩余 {{count}} 天',
    overdueDays: '已过期 {{count}} 天',
    missing: '无证（证照失效）经营：{{sectors}}行业无有效许可证',
  },
  registryImport: {
    title: '企业批量导入',
    hint: '请使用导入模板（.xlsx，工作表“企业”“许可证”，各列要求见模板“说明”表），也可上传一个表的 CSV（UTF-8 或 GBK，表头同模板）。企业按统一社会信用代码识别，许可证按类型和编号识别，已登记的不重复导入；有问题的行不导入，其余行照常导入。单个文件最多 {{rows}} 行、{{mb}}MB。',
    sheet: '表',
    enterprises: '企业',
    licences: '许可证',
    total: '总行数',
    valid: '可导入',
    wholeRow: '整行',
    summary: '导入完成：共 {{total}} 行，新增 {{created}} 行，重复 {{duplicates}} 行，有问题 {{invalid}} 行',
    summaryDry:
      '校验完成，未写入任何数据：共 {{total}} 行，可导入 {{created}} 行，重复 {{duplicates}} 行，有问题 {{invalid}} 行',
    sheetCounts: '“{{sheet}}”表 {{total}} 行：{{createdLabel}} {{created}}，重复 {{duplicates}}，有问题 {{invalid}}',
  },
  unlicensed: {
    title: '无证经营企业',
    hint: '在营企业中，从事危险化学品、非煤矿山、烟花爆竹等须取得安全生产许可的行业，而当日没有该行业有效许可证的（未取得、已过期、被暂扣或吊销）。',
    missing: '缺少{{sector}}类许可证',
    missingTitle: '缺少的许可证',
  },
  licenceAlerts: {
    title: '许可证到期提醒',
    stage: '提醒',
    export: '导出许可证',
    asOf: '截至 {{at}}',
  },
};

export default strings;
