/** English strings of the enterprises pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  licence: {
    title: 'Licences',
    new: 'Record licence',
    newTitle: 'Record a licence',
    edit: 'Edit',
    editTitle: 'Edit licence: {{name}}',
    type: 'Licence type',
    number: 'Licence number',
    issuer: 'Issued by',
    scope: 'Scope',
    validity: 'Validity',
    validityHint: 'A safety production licence is valid for 3 years (Safety Production Licence Regulations, art. 9)',
    validFrom: 'Valid from',
    validTo: 'Valid to',
    recordedStatus: 'Licence status',
    state: 'State',
    daysLeftTitle: 'Days left',
    daysLeft: '{{count}} days left',
    overdueDays: 'expired {{count}} days ago',
    missing: 'Operating without a valid licence in: {{sectors}}',
  },
  registryImport: {
    title: 'Bulk import of enterprises',
    hint: "Use the import template (.xlsx with the sheets 企业 and 许可证; the 说明 sheet explains each column), or upload one table as CSV (UTF-8 or GBK, the template's headers). Enterprises are matched by credit code and licences by type and number: what is already registered is not imported again. Rows with problems are skipped, the others are imported. At most {{rows}} rows and {{mb}} MB per file.",
    sheet: 'Sheet',
    enterprises: 'Enterprises',
    licences: 'Licences',
    total: 'Rows',
    valid: 'Valid',
    wholeRow: 'Row',
    summary:
      'Import finished: {{total}} rows, {{created}} created, {{duplicates}} duplicates, {{invalid}} with problems',
    summaryDry:
      'Check finished, nothing was written: {{total}} rows, {{created}} valid, {{duplicates}} duplicates, {{invalid}} with problems',
    sheetCounts:
      'Sheet “{{sheet}}”, {{total}} rows: {{createdLabel}} {{created}}, duplicates {{duplicates}}, with problems {{invalid}}',
  },
  unlicensed: {
    title: 'Enterprises operating without a licence',
    hint: 'Operating enterprises in a sector that requires a work-safety licence (hazardous chemicals, non-coal mines, fireworks) without a licence of that sector valid today (never issued, expired, suspended or revoked).',
    missing: 'No {{sector}} licence',
    missingTitle: 'Missing licences',
  },
  licenceAlerts: {
    title: 'Licence expiry alerts',
    stage: 'Alert',
    export: 'Export licences',
    asOf: 'As of {{at}}',
  },
};

export default en;
