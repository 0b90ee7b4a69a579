// The evidence resolvers of every module (see recommendations/recommendations.resolver.ts): a module whose records
// can serve as evidence of UN recommendations writes its resolver in its own folder (<module>.evidence.ts) and adds
// it here; the recommendations module takes the list from here and names no module itself.
import { exhibitionResolver } from './exhibitions/exhibitions.evidence.js';
import { factCheckResolver } from './factcheck/factcheck.evidence.js';
import { libraryProductResolver } from './library/library.evidence.js';
import { pressItemResolver } from './press/press.evidence.js';
import type { EvidenceResolver } from './recommendations/recommendations.resolver.js';
import { trainingSessionResolver } from './training/training.evidence.js';

export const moduleEvidenceResolvers: EvidenceResolver[] = [
  pressItemResolver,
  libraryProductResolver,
  trainingSessionResolver,
  exhibitionResolver,
  factCheckResolver,
];
