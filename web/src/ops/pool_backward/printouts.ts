// pool_backward's test cell in the notebook, and what it prints (np.random.seed(1);
// A_prev = randn(5, 5, 3, 2); {"stride": 1, "f": 2}; dA = randn(5, 4, 2, 2); the cell runs
// mode = "max", then mode = "average"):
//   print("mode = max")
//   print('mean of dA = ', np.mean(dA))
//   print('dA_prev[1,1] = ', dA_prev[1,1])

import { npIndex, npMean } from '../../lib/numpy/index';
import type { Printouts } from '../../state/operation';
import { printValue, printWords } from '../../ui/printout';
import { poolChoices } from '../pool/choices';
import type { PoolBackwardRun } from './model';
import { t } from './messages';

export function poolBackwardPrintouts(run: PoolBackwardRun): Printouts {
  const dA_prev = run.dA_prev_final;
  const { dA, A_prev } = run.data;
  const { mode } = poolChoices(run.config);
  return {
    // said when shown, so that it follows the page's language
    get title() {
      return t('title');
    },
    lines: [
      printWords(`print("mode = ${mode}")`, `mode = ${mode}`),
      printValue("print('mean of dA = ', np.mean(dA))", 'mean of dA = ', 'np.mean(dA)', npMean(dA)),
      printValue(
        "print('dA_prev[1,1] = ', dA_prev[1,1])",
        'dA_prev[1,1] = ',
        'dA_prev[1, 1]',
        npIndex(dA_prev, [1, 1]),
      ),
    ],
    tensors: [
      { name: 'A_prev', array: A_prev },
      { name: 'dA', array: dA },
      { name: 'dA_prev', array: dA_prev },
    ],
  };
}
