// The evidence resolvers of the modules that have landed, each written in its own module's folder (it reads that
// module's tables). A new module (fact-checks next) adds its resolver to this list.
import type { EvidenceResolver } from './recommendations.evidence.js';
import { exhibitionResolver } from '../exhibitions/exhibitions.evidence.js';
import { libraryProductResolver } from '../library/library.evidence.js';
import { pressItemResolver } from '../press/press.evidence.js';
import { trainingSessionResolver } from '../training/training.evidence.js';

export const BUILTIN_RESOLVERS: EvidenceResolver[] = [pressItemResolver, libraryProductResolver, trainingSessionResolver, exhibitionResolver];
