/** English strings of the bulletins pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  bulletins: {
    title: 'Bulletins',
    generateTitle: 'Generate an accident bulletin',
    kind: 'Kind',
    kinds: {
      weekly: 'Weekly analysis',
      monthly: 'Monthly bulletin',
      quarterly: 'Quarterly review',
      range: 'Any period',
    },
    region: 'Region',
    regionHint: 'Empty: your whole jurisdiction',
    period: 'Period',
    periodHint: 'Pick the week, month or quarter; a period still running counts up to now',
    periodRequired: 'Choose the first and last day',
    generate: 'Generate',
    generated: 'Bulletin generated',
    titleCol: 'Title',
    createdBy: 'Written by',
    createdAt: 'Generated at',
    print: 'Print',
    printNow: 'Print',
    printHint: 'Laid out as an official document (GB/T 9704), the same content as the Word file',
    back: 'Back to bulletins',
    preview: 'Preview',
    openText: 'Plain text',
    downloadDocx: 'Download Word',
    immutableHint: 'A bulletin never changes once generated: it states the figures of that moment',
  },
};

export default en;
