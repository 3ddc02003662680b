/**
 * i18next setup: zh-CN by default, English on request; the choice persists in localStorage. Only the language in use
 * is fetched: the English strings are a chunk of their own, loaded when English is chosen.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './locales/zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'anjian.lang';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage disabled: default language
  }
  return 'zh-CN';
}

const lng = initialLanguage();
dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');

/** Adds the English strings once (a dynamic import: a separate chunk). */
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./locales/en.js');
  i18n.addResourceBundle('en', 'translation', en);
}

/** Resolves when the language in use has its strings (render the app after it). */
export const i18nReady: Promise<unknown> = i18n
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => (lng === 'en' ? loadEnglish().then(() => i18n.changeLanguage('en')) : undefined));

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  if (lang === 'en') await loadEnglish();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export default i18n;
