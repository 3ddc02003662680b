/** English strings of the assessment pages, loaded with them when English is chosen. */
import type { FeatureTranslation } from '../../../locales/zh-CN.js';
import type { strings } from './zh-CN.js';

const en: FeatureTranslation<typeof strings> = {
  assessment: {
    title: 'Reporting assessment',
    rank: 'Rank',
    region: 'Region',
    score: 'Score',
    accidents: 'Accidents',
    duplicates: 'Duplicates',
    deduction: '−{{points}} points',
    noData: 'No data',
    up: 'Up one level',
    export: 'Export Excel',
    metrics: {
      receivedOnTime: 'Received on time',
      forwardedOnTime: 'Forwarded on time',
      nodesOnTime: 'Direct-report nodes on time',
      followupCoverage: 'Follow-up coverage',
      completeness: 'Completeness',
    },
    note: 'Scoring: {{weights}} (out of 100; a metric with nothing due is left out and the rest scaled up); duplicates cost up to {{deduction}} points by share. Data as of {{asOf}}.',
  },
};

export default en;
