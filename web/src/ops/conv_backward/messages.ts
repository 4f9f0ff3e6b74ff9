// conv_backward's words that are new with the classroom work, in one place for translation.

export const MESSAGES = {
  /** the legend's sentence on the gradients' colour scale; `dA`, `dW`, `db` are formatted numbers */
  gradientScale: (dA: string, dW: string, db: string) =>
    `colour of a gradient: on its final values’ scale (full at |dA_prev_pad| ≥ ${dA}, |dW| ≥ ${dW}, |db| ≥ ${db}); a partial sum can look pale`,
};
