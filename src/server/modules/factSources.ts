// The indicator fact sources of every module (see modules/indicators/indicators.facts.ts): a module that keeps its
// targets as indicator facts registers its source here. A target without one is computed from its provider's records
// (providers.ts), which also stay as the test oracle of the facts.
import { registerFactSource, type FactSource } from './indicators/indicators.facts.js';
import { trainingFactSource } from './training/training.facts.js';

export const moduleFactSources: FactSource[] = [trainingFactSource];

for (const s of moduleFactSources) registerFactSource(s);
