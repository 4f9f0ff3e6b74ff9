// conv_backward's test cell in the notebook, and what it prints:
//   np.random.seed(1); A_prev = randn(10, 4, 4, 3); W = randn(2, 2, 3, 8); b = randn(1, 1, 1, 8)
//   Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 2, "stride": 2})
//   dA, dW, db = conv_backward(Z, cache_conv)
//   print("dA_mean =", np.mean(dA))
//   print("dW_mean =", np.mean(dW))
//   print("db_mean =", np.mean(db))
// (dZ is Z in the notebook; here it is whichever dZ the run chose.)

import { npMean } from '../../lib/numpy/index';
import type { Printouts } from '../../state/operation';
import { printValue } from '../../ui/printout';
import type { ConvBackwardRun } from './model';
import { t } from './messages';

export function convBackwardPrintouts(run: ConvBackwardRun): Printouts {
  const { dA_prev, dW, db } = run.full;
  const { A_prev, W, b } = run.data;
  return {
    // said when shown, so that it follows the page's language
    get title() {
      return t('title');
    },
    lines: [
      printValue('print("dA_mean =", np.mean(dA))', 'dA_mean =', 'np.mean(dA)', npMean(dA_prev)),
      printValue('print("dW_mean =", np.mean(dW))', 'dW_mean =', 'np.mean(dW)', npMean(dW)),
      printValue('print("db_mean =", np.mean(db))', 'db_mean =', 'np.mean(db)', npMean(db)),
    ],
    tensors: [
      { name: 'A_prev', array: A_prev },
      { name: 'W', array: W },
      { name: 'b', array: b },
      { name: 'dZ', array: run.dZ },
      { name: 'dA_prev', array: dA_prev },
      { name: 'dW', array: dW },
      { name: 'db', array: db },
    ],
  };
}
