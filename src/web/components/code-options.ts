/** Select options built from the official code tables (GB 6441-1986, GB/T 4754-2017) in src/domain. */
import { ACCIDENT_TYPE_ENTRIES, INDUSTRY_SECTIONS } from '../../domain/codes.js';
import { DOMAINS } from '../../domain/direct-report.js';
import { GRADES } from '../../domain/grade.js';

export const accidentTypeOptions = ACCIDENT_TYPE_ENTRIES.map(([code, name]) => ({
  value: code,
  label: `${code} ${name}`,
}));

export const industrySectionOptions = Object.entries(INDUSTRY_SECTIONS).map(([letter, s]) => ({
  value: letter,
  label: `${letter} ${s.name}`,
}));

/** 门类 and every 大类 under it, e.g. "C 制造业", "C26 制造业（大类26）". */
export const industryOptions = Object.entries(INDUSTRY_SECTIONS).map(([letter, s]) => ({
  label: `${letter} ${s.name}`,
  title: s.name,
  options: [
    { value: letter, label: `${letter} ${s.name}` },
    ...Array.from({ length: s.to - s.from + 1 }, (_, i) => {
      const code = `${letter}${String(s.from + i).padStart(2, '0')}`;
      return { value: code, label: `${code} · ${s.name}` };
    }),
  ],
}));

export { DOMAINS, GRADES };
