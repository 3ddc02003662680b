/** English strings of the cockpit pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  cockpit: {
    title: 'Leader cockpit',
    nation: 'Nationwide',
    period: { year: 'This year', quarter: 'This quarter', month: 'This month' },
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
    accidents: 'Accidents',
    deaths: 'Deaths (incl. missing)',
    injuries: 'Injured',
    loss: 'Direct economic loss',
    largerAccidents: 'Larger and above',
    largerDeaths: 'Deaths, larger and above',
    yoy: 'Year on year',
    up: 'up',
    down: 'down',
    flat: 'unchanged',
    map: 'Schematic map of the jurisdiction (shaded by deaths; click to drill down)',
    noChildren: 'No subordinate regions',
    drill: 'Open {{name}}',
    tileAccidents: '{{n}} accidents',
    tileDeaths: '{{n}} deaths',
    yoyDeaths: 'Deaths YoY',
    legend: 'Deaths 0 → {{max}}',
    byMonth: 'Accidents by month (this year vs last year)',
    byIndustry: 'Accidents by industry (top 8)',
    byType: 'Accidents by type',
    byGrade: 'Accidents by grade',
    indicators: 'Control indicators',
    thisYear: 'This period',
    lastYear: 'Same period last year',
    majorDangers: 'Major hidden dangers (by region)',
    supervisedTotal: 'Major dangers under supervision',
    noMajorDangers: 'No major danger under supervision',
    planProgress: 'Supervision plan progress',
    more: 'Details',
  },
};

export default en;
