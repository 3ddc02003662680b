/**
 * i18next setup: zh-CN by default, English on request; the choice persists in localStorage. Only the language in use
 * is fetched: the English strings are a chunk of their own, loaded when English is chosen; and the strings of a
 * feature's pages (src/web/pages/<area>/locales/) are chunks of their own, loaded with its first page.
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
  i18n.addResourceBundle('en', 'translation', en, true, false);
}

type Strings = { default: Record<string, unknown> };

/**
 * The strings of a feature's pages, per language: each a chunk of its own, loaded with the feature's first page
 * (routes.tsx lazyPage), so the first screen carries only the shared strings.
 */
const FEATURE_LOCALES = {
  assessment: {
    'zh-CN': () => import('./pages/assessment/locales/zh-CN.js'),
    en: () => import('./pages/assessment/locales/en.js'),
  },
  cases: {
    'zh-CN': () => import('./pages/cases/locales/zh-CN.js'),
    en: () => import('./pages/cases/locales/en.js'),
  },
  dangers: {
    'zh-CN': () => import('./pages/dangers/locales/zh-CN.js'),
    en: () => import('./pages/dangers/locales/en.js'),
  },
  bulletins: {
    'zh-CN': () => import('./pages/bulletins/locales/zh-CN.js'),
    en: () => import('./pages/bulletins/locales/en.js'),
  },
  cockpit: {
    'zh-CN': () => import('./pages/cockpit/locales/zh-CN.js'),
    en: () => import('./pages/cockpit/locales/en.js'),
  },
  enterprises: {
    'zh-CN': () => import('./pages/enterprises/locales/zh-CN.js'),
    en: () => import('./pages/enterprises/locales/en.js'),
  },
  hazards: {
    'zh-CN': () => import('./pages/hazards/locales/zh-CN.js'),
    en: () => import('./pages/hazards/locales/en.js'),
  },
  supervision: {
    'zh-CN': () => import('./pages/supervision/locales/zh-CN.js'),
    en: () => import('./pages/supervision/locales/en.js'),
  },
  indicators: {
    'zh-CN': () => import('./pages/indicators/locales/zh-CN.js'),
    en: () => import('./pages/indicators/locales/en.js'),
  },
  inspections: {
    'zh-CN': () => import('./pages/inspections/locales/zh-CN.js'),
    en: () => import('./pages/inspections/locales/en.js'),
  },
  selfInspections: {
    'zh-CN': () => import('./pages/self-inspections/locales/zh-CN.js'),
    en: () => import('./pages/self-inspections/locales/en.js'),
  },
  users: {
    'zh-CN': () => import('./pages/users/locales/zh-CN.js'),
    en: () => import('./pages/users/locales/en.js'),
  },
  incidents: {
    'zh-CN': () => import('./pages/incidents/locales/zh-CN.js'),
    en: () => import('./pages/incidents/locales/en.js'),
  },
  emergencyPlans: {
    'zh-CN': () => import('./pages/emergency-plans/locales/zh-CN.js'),
    en: () => import('./pages/emergency-plans/locales/en.js'),
  },
  rescue: {
    'zh-CN': () => import('./pages/rescue-resources/locales/zh-CN.js'),
    en: () => import('./pages/rescue-resources/locales/en.js'),
  },
} satisfies Record<string, Record<Language, () => Promise<Strings>>>;
export type Feature = keyof typeof FEATURE_LOCALES;

const loadedFeatures = new Set<Feature>();

async function addFeature(feature: Feature, lang: Language): Promise<void> {
  const { default: strings } = await FEATURE_LOCALES[feature][lang]();
  // Deep-merged into the one namespace: a feature's sections sit beside the shared ones.
  i18n.addResourceBundle(lang, 'translation', strings, true, false);
}

/** Loads the strings of features for the language in use (a page renders after them: routes.tsx lazyPage). */
export async function loadFeatureLocales(features: readonly Feature[]): Promise<void> {
  await i18nReady;
  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') as Language;
  await Promise.all(
    features.map(async (feature) => {
      await addFeature(feature, lang);
      loadedFeatures.add(feature);
    }),
  );
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
  // The features already open need their strings in the new language too.
  await Promise.all([...loadedFeatures].map((feature) => addFeature(feature, lang)));
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export default i18n;
