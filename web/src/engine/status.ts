// The C library's status codes (cs_status in c/include/convstep.h), by name.

export const Status = {
  OK: 0,
  /** a required pointer argument is NULL (here: a disposed stepper) */
  NULL: 1,
  /** a dimension < 1, a tensor whose shape does not fit, or the window does not fit the input */
  SHAPE: 2,
  /** f < 1, stride < 1, pad < 0, dilation < 0, n_C < 1, an unknown mode or ties, or a non-integer */
  PARAM: 3,
  /** a tensor would exceed CS_MAX_ELEMENTS (2^22) elements */
  TOO_LARGE: 4,
  /** out of memory */
  NOMEM: 5,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

/** The library's size limit: at most 2^22 doubles (32 MiB) per tensor. */
export const MAX_ELEMENTS = 2 ** 22;
