/** 简体中文 strings of 企业自查, loaded with its pages (src/web/i18n.ts). */

export const strings = {
  selfInspections: {
    title: '企业自查',
    new: '开始自查',
    hint: '按检查事项库逐项自查；不符合项自动列入本单位隐患台账（自查自报），按期整改，属地监管部门可见。',
    none: '暂无自查记录',
    enterprise: '企业',
    region: '所在地区',
    inspectedOn: '自查日期',
    inspector: '检查人',
    template: '检查模板',
    pickTemplate: '选择模板，载入检查事项',
    items: '检查事项',
    itemCount: '检查项数',
    nonconforming: '不符合项',
    findings: '自查情况',
    recordedBy: '填报人',
    basis: '依据',
    result: '检查结果',
    results: { conform: '符合', nonconform: '不符合', not_applicable: '不涉及' },
    note: '情况说明',
    level: '隐患等级',
    levels: { general: '一般事故隐患', major: '重大事故隐患' },
    deadline: '整改期限',
    measures: '整改措施',
    dangers: '自查发现的隐患',
    status: '状态',
    submit: '提交自查记录',
    saved: '已提交，不符合项已列入隐患台账',
    required: {
      template: '请选择检查模板',
      inspector: '请填写检查人',
      result: '第{{n}}项未填写检查结果',
      deadline: '第{{n}}项为重大事故隐患，须填写整改期限',
    },
    open: '查看',
  },
};

export default strings;
