import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '../../../contracts/imports.js';
import { creditCodeCheckChar } from '../../../domain/credit-code.js';
import {
  ENTERPRISE_STATUS_LABELS,
  LICENCE_STATE_LABELS,
  LICENCE_TYPE_LABELS,
  SCALE_LABELS,
  SECTOR_LABELS,
} from '../../../domain/enterprise.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { EXAMPLE_MARK, type RawCell } from '../imports/columns.js';
import { exampleRegion } from '../imports/service.js';
import { addHelpSheet, addTemplateSheet, listValidation, type TemplateColumn } from '../imports/workbook.js';
import {
  COLUMNS,
  ENTERPRISE_COLUMNS,
  LICENCE_COLUMNS,
  REQUIRED,
  type RegistryColumn,
  SHEET_NAMES,
  type SheetKind,
} from './columns.js';

const _HELP_SHEET = '说明';
const CODES_SHEET = '代码表';

/** 91 + county + MA3EXAMPL + check character: a valid code in the example's county. */
function exampleCreditCode(regionCode: string): string {
  const first17 = `91${regionCode.slice(0, 6)}MA3EXAMPL`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function validationOf(c: RegistryColumn): TemplateColumn['validation'] {
  if (c.kind === 'choice') return listValidation(c.header, Object.values(c.labels ?? {}));
  if (c.kind === 'sectors') {
    return listValidation(c.header, Object.values(c.labels ?? {}), {
      strict: false,
      error: '可从下拉列表选择一项，或填写多项并以“、”分隔',
    });
  }
  const decimal = (min: number, max: number) => ({
    type: 'decimal' as const,
    operator: 'between' as const,
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorTitle: c.header,
    error: `须为${min}至${max}之间的数字`,
  });
  if (c.field === 'longitude') return decimal(73, 136);
  if (c.field === 'latitude') return decimal(3, 54);
  if (c.field === 'employees') {
    return {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorTitle: c.header,
      error: '须为不小于0的整数',
    };
  }
  return undefined;
}

const templateColumns = (kind: SheetKind): TemplateColumn[] =>
  COLUMNS[kind].map((c) => ({
    header: c.header,
    note: c.note,
    required: REQUIRED[kind].has(c.field),
    text: c.text ?? false,
    wide: c.kind === 'text' && !c.text,
    validation: validationOf(c),
  }));

const TEMPLATE_NOTES = [
  '1. 本模板用于批量登记企业档案（“企业”表）和安全生产许可证（“许可证”表）。两表第1行为列名，请勿修改；从第2行起每行填写一家企业或一张许可证。第2行为示例行（企业名称、许可证编号以“（示例）”开头），示例行不会被导入（结果中列为无效）：请删除该行或将其替换为实际数据（包括去掉“（示例）”）后再导入。',
  '2. 红色列名为必填项；把鼠标移到列名上可查看填写要求，也可查看下方列表。监管行业、规模、经营状态、许可证类型和状态可从下拉列表选择，也可填写代码。',
  '3. 所在地区代码须为本单位管辖范围内的县级（6位）或乡镇（街道，9位）行政区划代码；超出管辖范围的行不予导入。',
  '4. 企业以统一社会信用代码识别：已登记的企业不重复登记，也不被修改（修改请在企业档案中进行）；许可证以“许可证类型+许可证编号”识别。同一文件重复导入不会重复登记。',
  '5. “许可证”表按统一社会信用代码对应持证企业：本文件“企业”表中的企业，或已登记的本辖区企业。',
  `6. 单个文件最多 ${IMPORT_MAX_ROWS} 行。可先勾选“仅校验”检查数据，无误后再正式导入；有问题的行不导入（结果中列明表名、行号和字段），其余行照常导入。`,
  '7. 也可分别上传企业或许可证的 CSV 文件（UTF-8 或 GBK 编码），列名与本表相同。企业名录导出的文件也可直接导入。',
];

function addCodesSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(CODES_SHEET);
  ws.columns = [{ width: 16 }, { width: 24 }, { width: 4 }, { width: 26 }, { width: 30 }];
  const head = ws.addRow(['监管行业代码', '监管行业', '', '许可证类型代码', '许可证类型']);
  head.font = { name: '黑体', size: 11, bold: true };
  const sectors = Object.entries(SECTOR_LABELS);
  const types = Object.entries(LICENCE_TYPE_LABELS);
  for (let i = 0; i < Math.max(sectors.length, types.length); i++) {
    const [sc, sl] = sectors[i] ?? ['', ''];
    const [tc, tl] = types[i] ?? ['', ''];
    ws.addRow([sc, sl, '', tc, tl]).font = { name: '宋体', size: 11 };
  }
  ws.addRow([]);
  ws.addRow(['规模', Object.values(SCALE_LABELS).join('、')]);
  ws.addRow(['经营状态', Object.values(ENTERPRISE_STATUS_LABELS).join('、')]);
  ws.addRow(['许可证状态', '有效、暂扣、吊销（过期由有效期至判断，无须填写）']);
}

export async function registryTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  const regionCode = await exampleRegion(ctx, actor);
  const code = exampleCreditCode(regionCode);
  const enterprise: Record<string, RawCell> = {
    creditCode: code,
    // The mark makes the import refuse the row (template_example); the rest of it is a valid enterprise.
    name: `${EXAMPLE_MARK}某某化工有限公司`,
    regionCode,
    address: '示例工业园区化工路1号',
    longitude: 118.03,
    latitude: 36.8,
    industryCode: 'C26',
    sectors: `${SECTOR_LABELS.hazardous_chemicals}、${SECTOR_LABELS.industry_trade}`,
    scale: SCALE_LABELS.small,
    legalRepresentative: '张三',
    principalName: '张三',
    principalPhone: '0533-1234567',
    safetyManagerName: '李四',
    safetyManagerPhone: '13800000000',
    employees: 120,
    status: ENTERPRISE_STATUS_LABELS.operating,
  };
  const licence: Record<string, RawCell> = {
    creditCode: code,
    type: LICENCE_TYPE_LABELS.hc_production,
    number: `${EXAMPLE_MARK}WH安许证字〔2025〕${regionCode.slice(0, 6)}号`,
    scope: '示例产品生产',
    issuer: '省应急管理厅',
    // Excel keeps dates as wall-clock days.
    validFrom: new Date(Date.UTC(2025, 0, 1)),
    validTo: new Date(Date.UTC(2027, 11, 31)),
    status: LICENCE_STATE_LABELS.valid,
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = '安监';
  addTemplateSheet(wb, SHEET_NAMES.enterprises, templateColumns('enterprises'), [
    ENTERPRISE_COLUMNS.map((c) => enterprise[c.field] ?? null),
  ]);
  addTemplateSheet(wb, SHEET_NAMES.licences, templateColumns('licences'), [
    LICENCE_COLUMNS.map((c) => licence[c.field] ?? null),
  ]);
  addHelpSheet(wb, '企业档案和许可证批量导入说明', TEMPLATE_NOTES, [
    { caption: '“企业”表', columns: templateColumns('enterprises') },
    { caption: '“许可证”表', columns: templateColumns('licences') },
  ]);
  addCodesSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
