/** English strings of 企业自查 (self-inspections). */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  selfInspections: {
    title: 'Self-inspections',
    new: 'Start a self-inspection',
    hint: "Check item by item from the checklist library; every non-conforming item goes into the enterprise's own hazard register (self-reported), to be fixed by its deadline, and the bureau sees it.",
    none: 'No self-inspections yet',
    enterprise: 'Enterprise',
    region: 'Region',
    inspectedOn: 'Date',
    inspector: 'Checked by',
    template: 'Template',
    pickTemplate: 'Pick a template to load its items',
    items: 'Items',
    itemCount: 'Items',
    nonconforming: 'Non-conforming',
    findings: 'Findings',
    recordedBy: 'Recorded by',
    basis: 'Basis',
    result: 'Result',
    results: { conform: 'Conforms', nonconform: 'Does not conform', not_applicable: 'Not applicable' },
    note: 'Note',
    level: 'Hazard level',
    levels: { general: 'General hazard', major: 'Major hazard' },
    deadline: 'Deadline',
    measures: 'Measures',
    dangers: 'Hazards found',
    status: 'Status',
    submit: 'Submit',
    saved: 'Submitted; the non-conforming items are in the hazard register',
    required: {
      template: 'Pick a template',
      inspector: 'Name who checked',
      result: 'Item {{n}} has no result',
      deadline: 'Item {{n}} is a major hazard and needs a deadline',
    },
    open: 'Open',
  },
};

export default en;
