/** English strings of the indicators pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  indicators: {
    title: 'Control indicators',
    year: 'Year',
    region: 'Region',
    statusCol: 'Status',
    deaths: 'Deaths',
    accidents: 'Accidents',
    largerAccidents: 'Larger accidents',
    deathCap: 'Death cap',
    accidentCap: 'Accident cap',
    largerAccidentCap: 'Larger-accident cap',
    deathReductionPct: 'Deaths down year on year (%)',
    accidentReductionPct: 'Accidents down year on year (%)',
    note: 'Reference document / note',
    required: 'Enter the cap',
    reductionHint:
      "A reduction target becomes a cap of last year's actual × (1 − percentage), rounded down; the stricter of it and the cap applies.",
    rules:
      'Actual figures: this year to date (written-off records excluded, deaths include the missing, larger accidents include those above). Green: at or under the pace of the year; yellow: ahead of the pace; red: more than 10 points ahead of the pace, or over the cap. The dashed line is the pace.',
    edit: 'Set targets',
    editTitle: 'Control indicators of {{name}} for {{year}}',
    unchanged: 'No change',
    warnings: "The children's caps add up to more than the parent's (a warning; saved)",
    paceValue: 'Year elapsed {{pct}}',
    asOf: 'as of {{time}}',
    allocationSum: "Children's sum / own cap",
    setBy: 'Set by',
    setByValue: '{{name}} at {{time}} (version {{version}})',
    children: 'Subordinate regions (worst first)',
    noChildren: 'No subordinate regions',
    notSet: 'not set',
    deathRatio: 'Deaths {{pct}}',
    statusLabel: { green: 'Green', yellow: 'Yellow', red: 'Red', none: 'Not set' },
    statusHint: {
      green: 'On track: at or under the pace of the year',
      yellow: 'Ahead of the pace of the year',
      red: 'More than 10 points ahead of the pace, or over the cap',
      none: 'No control indicators for this year yet',
    },
  },
};

export default en;
