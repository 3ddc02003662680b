/**
 * Select options built from the official code tables (GB 6441-1986, GB/T 4754-2017) in src/domain, named in the
 * language in use (locales: accidentType, industrySection).
 */
import type { TFunction } from 'i18next';
import { ACCIDENT_TYPE_ENTRIES, INDUSTRY_SECTIONS } from '../../domain/codes.js';
import { DOMAINS } from '../../domain/direct-report.js';
import { GRADES } from '../../domain/grade.js';

export const accidentTypeName = (t: TFunction, code: string) => t(`accidentType.${code}`, { defaultValue: code });

/** The 门类 of an industry code ("C" or "C26"). */
export const industryName = (t: TFunction, code: string) =>
  t(`industrySection.${code.slice(0, 1)}`, { defaultValue: code });

export const accidentTypeOptions = (t: TFunction) =>
  ACCIDENT_TYPE_ENTRIES.map(([code]) => ({ value: code, label: `${code} ${accidentTypeName(t, code)}` }));

export const industrySectionOptions = (t: TFunction) =>
  Object.keys(INDUSTRY_SECTIONS).map((letter) => ({ value: letter, label: `${letter} ${industryName(t, letter)}` }));

/** 门类 and every 大类 under it, e.g. "C 制造业", "C26 · 制造业". */
export const industryOptions = (t: TFunction) =>
  Object.entries(INDUSTRY_SECTIONS).map(([letter, s]) => {
    const name = industryName(t, letter);
    return {
      label: `${letter} ${name}`,
      title: name,
      options: [
        { value: letter, label: `${letter} ${name}` },
        ...Array.from({ length: s.to - s.from + 1 }, (_, i) => {
          const code = `${letter}${String(s.from + i).padStart(2, '0')}`;
          return { value: code, label: `${code} · ${name}` };
        }),
      ],
    };
  });

export { DOMAINS, GRADES };
