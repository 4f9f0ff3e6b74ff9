// conv_backward's test cell in the notebook, and what it prints:
//   np.random.seed(1); A_prev = randn(10, 4, 4, 3); W = randn(2, 2, 3, 8); b = randn(1, 1, 1, 8)
//   Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 2, "stride": 2})
//   dA, dW, db = conv_backward(Z, cache_conv)
//   print("dA_mean =", np.mean(dA))
//   print("dW_mean =", np.mean(dW))
//   print("db_mean =", np.mean(db))
// (dZ is Z in the notebook; here it is whichever dZ the run chose.) The gradients are recomputed
// in numpy's order (conv/numpyOrder.ts): with dZ = Z, numpy's Z is its pairwise sums, and the
// C kernels' Z differs from it in the last digits, which dW would carry into dW_mean.

import { npMean } from '../../lib/numpy/index';
import { convParams } from '../../state/config';
import type { Printouts } from '../../state/operation';
import { printValue } from '../../ui/printout';
import { npConvBackward, npConvForward } from '../conv/numpyOrder';
import type { ConvBackwardRun } from './model';
import { t } from './messages';

export function convBackwardPrintouts(run: ConvBackwardRun): Printouts {
  const { A_prev, W, b } = run.data;
  const p = convParams(run.config);
  // dZ = Z unless the student brought their own dZ (then run.dZ is not the kernel's Z).
  const isZ = run.dzSource === 'z' && run.dZ.data.every((v, k) => Object.is(v, run.Z.data[k]));
  const dZ = isZ ? npConvForward(A_prev, W, b, p) : run.dZ;
  const { dA_prev, dW, db } = npConvBackward(dZ, A_prev, W, p);
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
      { name: 'dZ', array: dZ },
      { name: 'dA_prev', array: dA_prev },
      { name: 'dW', array: dW },
      { name: 'db', array: db },
    ],
  };
}
