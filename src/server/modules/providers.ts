// The indicator providers of every module: a module that computes a target adds its provider here
// (see modules/indicators/indicators.registry.ts). A target with none shows "no data source yet".
import type { IndicatorProvider } from './indicators/indicators.registry.js';
import { t1Provider } from './press/press.indicators.js';
import { libraryProviders } from './library/library.indicators.js';
import { t3Provider } from './exhibitions/exhibitions.indicators.js';
import { t6Provider } from './recommendations/recommendations.indicators.js';
import { trainingProviders } from './training/training.indicators.js';
import { factcheckProviders } from './factcheck/factcheck.indicators.js';

export const indicatorProviders: IndicatorProvider[] = [
  t1Provider,
  ...trainingProviders,
  t3Provider,
  ...libraryProviders,
  ...factcheckProviders,
  t6Provider,
];
