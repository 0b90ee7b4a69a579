// i18next set-up: Vietnamese first, English second. The chosen language is kept in
// localStorage and mirrored on <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from '../locales/vi.json';
import en from '../locales/en.json';
import viIndicators from '../locales/indicators.vi.json';
import enIndicators from '../locales/indicators.en.json';
import viLibrary from '../locales/library.vi.json';
import enLibrary from '../locales/library.en.json';
import viExhibitions from '../locales/exhibitions.vi.json';
import enExhibitions from '../locales/exhibitions.en.json';
import viRec from '../locales/recommendations.vi.json';
import enRec from '../locales/recommendations.en.json';
import viTraining from '../locales/training.vi.json';
import enTraining from '../locales/training.en.json';
import viFc from '../locales/factcheck.vi.json';
import enFc from '../locales/factcheck.en.json';
import viFcDesk from '../locales/factcheckDesk.vi.json';
import enFcDesk from '../locales/factcheckDesk.en.json';
import viCycle from '../locales/cycle.vi.json';
import enCycle from '../locales/cycle.en.json';
import viNotifications from '../locales/notifications.vi.json';
import enNotifications from '../locales/notifications.en.json';
import viPlans from '../locales/plans.vi.json';
import enPlans from '../locales/plans.en.json';

export type Locale = 'vi' | 'en';
export const LOCALES: Locale[] = ['vi', 'en'];
const STORAGE_KEY = 'rightshub.locale';

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'vi' ? v : 'vi';
  } catch {
    return 'vi';
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice simply is not remembered */
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  // Module strings kept in their own files are merged in (one level deep).
  resources: {
    vi: {
      translation: {
        ...vi,
        ...viIndicators,
        ...viLibrary,
        ...viExhibitions,
        ...viRec,
        ...viTraining,
        ...viFc,
        ...viFcDesk,
        ...viNotifications,
        ...viPlans,
        ...viCycle,
        nav: { ...vi.nav, ...viIndicators.nav, ...viExhibitions.nav, ...viPlans.nav, ...viCycle.nav },
      },
    },
    en: {
      translation: {
        ...en,
        ...enIndicators,
        ...enLibrary,
        ...enExhibitions,
        ...enRec,
        ...enTraining,
        ...enFc,
        ...enFcDesk,
        ...enNotifications,
        ...enPlans,
        ...enCycle,
        nav: { ...en.nav, ...enIndicators.nav, ...enExhibitions.nav, ...enPlans.nav, ...enCycle.nav },
      },
    },
  },
  lng: storedLocale(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
