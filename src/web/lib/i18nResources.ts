// The workspace's strings: Vietnamese first, English second. Module strings kept in their own files are merged in
// (one level deep). No DOM here, so tests can read them (i18nKeys.test.ts: every key the code asks for exists).
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
import viTokens from '../locales/tokens.vi.json';
import enTokens from '../locales/tokens.en.json';
import viCalendar from '../locales/calendar.vi.json';
import enCalendar from '../locales/calendar.en.json';

export const resources = {
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
      ...viTokens,
      ...viCalendar,
      nav: { ...vi.nav, ...viIndicators.nav, ...viExhibitions.nav, ...viPlans.nav, ...viCycle.nav, ...viTokens.nav, ...viCalendar.nav },
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
      ...enTokens,
      ...enCalendar,
      nav: { ...en.nav, ...enIndicators.nav, ...enExhibitions.nav, ...enPlans.nav, ...enCycle.nav, ...enTokens.nav, ...enCalendar.nav },
    },
  },
};
