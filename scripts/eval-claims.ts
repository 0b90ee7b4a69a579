// `npx tsx scripts/eval-claims.ts [dev|test|all] [DIR]`: the claim matcher's figures on an evaluation set
// (default data/eval/claims, split dev). Same as `rightshub claims eval --split S --dir DIR`.
import { EVAL_DIR, evaluate, formatFigures, loadEvalSet } from '../src/server/modules/factcheck/factcheck.eval.js';

const split = (process.argv[2] ?? 'dev') as 'dev' | 'test' | 'all';
if (!['dev', 'test', 'all'].includes(split)) throw new Error('split must be dev, test or all');
console.log(formatFigures(evaluate(loadEvalSet(process.argv[3] ?? EVAL_DIR), split)));
