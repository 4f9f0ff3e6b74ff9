// pool_forward's two test cells in the notebook, and what they print (np.random.seed(1);
// A_prev = randn(2, 5, 5, 3); f = 3; each cell runs mode = "max", then mode = "average"):
//   stride 1:  print("mode = max"); print("A.shape = " + str(A.shape)); print("A[1, 1] =\n", A[1, 1])
//   stride 2:  the same, printing A[0] for max and A[1] for average:
//              print("A[0] =\n", A[0])  /  print("A[1] =\n", A[1])
// A run with stride 2 prints as the second cell, any other stride as the first. Average pooling's
// A is recomputed in numpy's order of adding (pool/numpyOrder.ts), so its digits are numpy's.

import { npIndex, pyTupleRepr } from '../../lib/numpy/index';
import type { Printouts } from '../../state/operation';
import { printValue, printWords } from '../../ui/printout';
import { poolChoices } from '../pool/choices';
import { npAveragePool } from '../pool/numpyOrder';
import { poolParams } from '../pool/pool';
import type { PoolForwardRun } from './model';
import { t } from './messages';

export function poolForwardPrintouts(run: PoolForwardRun): Printouts {
  const { mode } = poolChoices(run.config);
  const A = mode === 'average' ? npAveragePool(run.data.A_prev, poolParams(run.config)) : run.A_final;
  const second = run.config.stride === 2;
  const index = second ? [mode === 'max' ? 0 : 1] : [1, 1];
  const expr = `A[${index.join(', ')}]`;
  return {
    // said when shown, so that it follows the page's language
    get title() {
      return second ? t('titleSecond') : t('titleFirst');
    },
    lines: [
      printWords(`print("mode = ${mode}")`, `mode = ${mode}`),
      printWords('print("A.shape = " + str(A.shape))', `A.shape = ${pyTupleRepr(A.shape)}`),
      printValue(`print("${expr} =\\n", ${expr})`, `${expr} =\n`, expr, npIndex(A, index)),
    ],
    tensors: [
      { name: 'A_prev', array: run.data.A_prev },
      { name: 'A', array: A },
    ],
  };
}
