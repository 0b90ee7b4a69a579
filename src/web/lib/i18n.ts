// i18next set-up: Vietnamese first, English second. The chosen language is kept in
// localStorage and mirrored on <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './i18nResources';

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
  // Module strings kept in their own files are merged in (one level deep): i18nResources.ts.
  resources,
  lng: storedLocale(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
