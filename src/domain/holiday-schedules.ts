/**
 * 法定节假日 and 调休 as published each year in the State Council's notice (国务院办公厅关于XXXX年部分节假日安排的通知),
 * 2020–2026, checked against the npm package chinese-days 1.5.7 (its data agrees on every day of these years) and,
 * for 2026, against ../shared/domain/regulations.md §13.4. Each entry is written as the notice writes it: the days
 * off from–to (weekends inside them included), and the weekend days that are working days (上班).
 * A new year's notice is loaded by an administrator (PUT /api/calendar/:year), not by a release.
 */
export interface HolidayPeriod {
  /** As the notice names it. */
  name: string;
  /** First and last day off, inclusive (YYYY-MM-DD, Asia/Shanghai dates). */
  from: string;
  to: string;
  /** 调休上班: weekend days that are working days. */
  workdays: string[];
}

export interface HolidaySchedule {
  year: number;
  /** The notice the schedule comes from. */
  source: string;
  periods: HolidayPeriod[];
}

const notice = (year: number) => `国务院办公厅关于${year}年部分节假日安排的通知`;

export const OFFICIAL_SCHEDULES: readonly HolidaySchedule[] = [
  {
    year: 2020,
    // 春节 as extended to 2月2日 by 国务院办公厅关于延长2020年春节假期的通知 (the 2月1日 workday was cancelled).
    source: `${notice(2020)}；国务院办公厅关于延长2020年春节假期的通知`,
    periods: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01', workdays: [] },
      { name: '春节', from: '2020-01-24', to: '2020-02-02', workdays: ['2020-01-19'] },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06', workdays: [] },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05', workdays: ['2020-04-26', '2020-05-09'] },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27', workdays: ['2020-06-28'] },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08', workdays: ['2020-09-27', '2020-10-10'] },
    ],
  },
  {
    year: 2021,
    source: notice(2021),
    periods: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03', workdays: [] },
      { name: '春节', from: '2021-02-11', to: '2021-02-17', workdays: ['2021-02-07', '2021-02-20'] },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05', workdays: [] },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05', workdays: ['2021-04-25', '2021-05-08'] },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14', workdays: [] },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21', workdays: ['2021-09-18'] },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07', workdays: ['2021-09-26', '2021-10-09'] },
    ],
  },
  {
    year: 2022,
    source: notice(2022),
    periods: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03', workdays: [] },
      { name: '春节', from: '2022-01-31', to: '2022-02-06', workdays: ['2022-01-29', '2022-01-30'] },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05', workdays: ['2022-04-02'] },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04', workdays: ['2022-04-24', '2022-05-07'] },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05', workdays: [] },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12', workdays: [] },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07', workdays: ['2022-10-08', '2022-10-09'] },
    ],
  },
  {
    year: 2023,
    source: notice(2023),
    periods: [
      { name: '元旦', from: '2022-12-31', to: '2023-01-02', workdays: [] },
      { name: '春节', from: '2023-01-21', to: '2023-01-27', workdays: ['2023-01-28', '2023-01-29'] },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05', workdays: [] },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03', workdays: ['2023-04-23', '2023-05-06'] },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24', workdays: ['2023-06-25'] },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06', workdays: ['2023-10-07', '2023-10-08'] },
    ],
  },
  {
    year: 2024,
    source: notice(2024),
    periods: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01', workdays: [] },
      { name: '春节', from: '2024-02-10', to: '2024-02-17', workdays: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06', workdays: ['2024-04-07'] },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05', workdays: ['2024-04-28', '2024-05-11'] },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10', workdays: [] },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17', workdays: ['2024-09-14'] },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07', workdays: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    // From 2025 春节 and 劳动节 have one more 全体公民放假 day each (国务院令第798号, 2025年1月1日起施行).
    year: 2025,
    source: notice(2025),
    periods: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: notice(2026),
    periods: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
