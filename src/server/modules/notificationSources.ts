// The notification sources of every module (see notifications/notifications.sources.ts): who must be told what.
// A module that tells people something writes its source in its own folder (<module>.notifications.ts) and adds
// one line here; the notification job, the inbox and the preferences page take the list from here.
import { cycleNotificationSource } from './cycle/cycle.notifications.js';
import { factcheckNotificationSource } from './factcheck/factcheck.notifications.js';
import type { NotificationSource } from './notifications/notifications.sources.js';
import { welcomeNotificationSource } from './notifications/notifications.welcome.js';
import { plansNotificationSource } from './plans/plans.notifications.js';
import { pressNotificationSource } from './press/press.notifications.js';
import { recommendationsNotificationSource } from './recommendations/recommendations.notifications.js';

export const moduleNotificationSources: NotificationSource[] = [
  pressNotificationSource,
  factcheckNotificationSource,
  recommendationsNotificationSource,
  cycleNotificationSource,
  plansNotificationSource,
  welcomeNotificationSource,
];
