// The stage for an operation that is not stepped yet.

import type { OpInfo } from '../state/ops/model';

export function ComingNext({ info }: { info: OpInfo }) {
  return (
    <section class="stage coming-next" aria-label={`${info.op}: coming next`}>
      <p>
        <b>{info.op}</b> is coming next: {info.summary}.
      </p>
    </section>
  );
}
