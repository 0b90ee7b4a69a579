// The indicator fact sources of every module (see modules/indicators/indicators.facts.ts): a module that keeps its
// targets as indicator facts registers its source here. A target without one is computed from its provider's records
// (providers.ts), which also stay as the test oracle of the facts.
import { exhibitionsFactSource } from './exhibitions/exhibitions.facts.js';
import { factcheckFactSource } from './factcheck/factcheck.facts.js';
import { registerFactSource, type FactSource } from './indicators/indicators.facts.js';
import { libraryFactSource } from './library/library.facts.js';
import { pressFactSource } from './press/press.facts.js';
import { recommendationsFactSource } from './recommendations/recommendations.facts.js';
import { trainingFactSource } from './training/training.facts.js';

export const moduleFactSources: FactSource[] = [
  pressFactSource,
  trainingFactSource,
  exhibitionsFactSource,
  libraryFactSource,
  factcheckFactSource,
  recommendationsFactSource,
];

for (const s of moduleFactSources) registerFactSource(s);
