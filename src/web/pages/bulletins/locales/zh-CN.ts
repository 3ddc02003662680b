/** 简体中文 strings of the bulletins pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */

export const strings = {
  bulletins: {
    title: '情况通报',
    generateTitle: '生成事故情况通报',
    kind: '通报类型',
    kinds: { weekly: '周分析', monthly: '月通报', quarterly: '季度研判', range: '任意时段' },
    region: '通报地区',
    regionHint: '不选则为本单位辖区',
    period: '通报时段',
    periodHint: '选择所在的周、月或季度；尚未结束的时段统计至当前时刻',
    periodRequired: '请选择起止日期',
    generate: '生 成',
    generated: '通报已生成',
    titleCol: '标题',
    createdBy: '编制人',
    createdAt: '生成时间',
    print: '打印',
    printNow: '打 印',
    printHint: '版式按 GB/T 9704 公文格式；与 Word 文档内容一致',
    back: '返回通报列表',
    preview: '预览',
    openText: '纯文本',
    downloadDocx: '下载 Word',
    immutableHint: '通报生成后不再改变，数据为生成时的统计结果',
  },
};

export default strings;
