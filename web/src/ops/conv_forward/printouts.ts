// conv_forward's test cell in the notebook, and what it prints:
//   np.random.seed(1); A_prev = randn(2, 5, 7, 4); W = randn(3, 3, 4, 8); b = randn(1, 1, 1, 8)
//   Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
//   print("Z's mean =\n", np.mean(Z))
//   print("Z[0,2,1] =\n", Z[0, 2, 1])
//   print("cache_conv[0][1][2][3] =\n", cache_conv[0][1][2][3])
// cache_conv[0] is A_prev (the cache is (A_prev, W, b, hparameters)). Z is recomputed in numpy's
// order of adding (conv/numpyOrder.ts), so every printed digit is numpy's.

import { npIndex, npMean } from '../../lib/numpy/index';
import { convParams } from '../../state/config';
import type { Printouts } from '../../state/operation';
import { chainedIndex, printValue } from '../../ui/printout';
import { npConvForward } from '../conv/numpyOrder';
import type { ConvForwardRun } from './model';
import { tUi } from '../../ui/messages';

export function convForwardPrintouts(run: ConvForwardRun): Printouts {
  const { A_prev, W, b } = run.data;
  const Z = npConvForward(A_prev, W, b, convParams(run.config));
  return {
    // said when shown, so that it follows the page's language
    get title() {
      return tUi('testCell', { op: 'conv_forward' });
    },
    lines: [
      printValue('print("Z\'s mean =\\n", np.mean(Z))', "Z's mean =\n", 'np.mean(Z)', npMean(Z)),
      printValue('print("Z[0,2,1] =\\n", Z[0, 2, 1])', 'Z[0,2,1] =\n', 'Z[0, 2, 1]', npIndex(Z, [0, 2, 1])),
      printValue(
        'print("cache_conv[0][1][2][3] =\\n", cache_conv[0][1][2][3])',
        'cache_conv[0][1][2][3] =\n',
        'cache_conv[0][1][2][3]',
        chainedIndex(A_prev, [1, 2, 3]),
      ),
    ],
    tensors: [
      { name: 'A_prev', array: A_prev },
      { name: 'W', array: W },
      { name: 'b', array: b },
      { name: 'Z', array: Z },
    ],
  };
}
