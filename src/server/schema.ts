// Every table of every module, for drizzle-kit and for the typed query builder.
export * from './kernel/kernel.tables.js';
export * from './modules/directory/directory.tables.js';
export * from './modules/press/press.tables.js';
export * from './modules/indicators/indicators.tables.js';
export * from './modules/library/library.tables.js';
export * from './modules/exhibitions/exhibitions.tables.js';
export * from './modules/recommendations/recommendations.tables.js';
export * from './modules/training/training.tables.js';
export * from './modules/factcheck/factcheck.tables.js';
export * from './modules/cycle/cycle.tables.js';
export * from './modules/notifications/notifications.tables.js';
export * from './modules/plans/plans.tables.js';
export * from './modules/calendar/calendar.tables.js';
