/** 简体中文 strings of the users pages, loaded with them (src/web/i18n.ts loadFeatureLocale). */
export const strings = {
  users: {
    title: '用户管理',
    hint: '本辖区各单位的账号；停用或重置密码后，该用户的登录立即失效',
    search: '用户名或姓名',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    org: '所属单位',
    phone: '电话',
    enforcementCert: '执法证号',
    status: '状态',
    active: '正常',
    disabled: '已停用',
    create: '新建用户',
    edit: '修改',
    disable: '停用',
    enable: '启用',
    resetPassword: '重置密码',
    region: '所属单位（行政区划）',
    password: '初始密码',
    newPassword: '新密码',
    passwordHint: '至少10位，须同时包含字母和数字',
    created: '已新建用户 {{name}}',
    saved: '已保存',
    passwordReset: '密码已重置，该用户需用新密码重新登录',
    confirmDisable: '停用 {{name}}？该用户将立即退出登录且无法登录。',
  },
};

export default strings;
