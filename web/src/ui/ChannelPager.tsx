// Presenter mode shows one input channel at a time, larger, so that its cells carry their
// numbers: the stage asks useChannelPage which channels to draw and puts its pager (◂ k of n ▸)
// above them. An embed pages them too. Elsewhere every channel is drawn and there is no pager.
// An exported slide keeps the pager's words (which channel it shows) but not its buttons; it
// shows the channel chosen on screen or in the export dialog (the store keeps the page).

import type { VNode } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { StoreContext } from './context';
import { usePresent } from './present';
import { tUi } from './messages';

export interface ChannelPage {
  /** the channels to draw: from..to-1 */
  from: number;
  to: number;
  /** the pager, or null when every channel is drawn */
  pager: VNode | null;
}

/** `count` channels, named `what` (e.g. "input channel k") in the pager. */
export function useChannelPage(count: number, what: string): ChannelPage {
  const present = usePresent();
  // the store's page, so that an exported slide shows the channel chosen (a stage rendered
  // without a store keeps its own)
  const store = useContext(StoreContext);
  const [own, setOwn] = useState(0);
  const page = store ? store.channelPage.value : own;
  const setPage = store ? store.setChannelPage : setOwn;
  if (!present || count <= 1) return { from: 0, to: count, pager: null };
  const k = Math.min(page, count - 1);
  const pager = (
    <div class="channel-pager" role="group" aria-label={tUi('pagerGroup', { what })}>
      <button
        type="button"
        data-export="omit"
        aria-label={tUi('pagerPrevious', { what })}
        disabled={k <= 0}
        onClick={() => setPage(k - 1)}
      >
        ◂
      </button>
      <span>{tUi('pagerAt', { what, k, last: count - 1 })}</span>
      <button
        type="button"
        data-export="omit"
        aria-label={tUi('pagerNext', { what })}
        disabled={k >= count - 1}
        onClick={() => setPage(k + 1)}
      >
        ▸
      </button>
    </div>
  );
  return { from: k, to: k + 1, pager };
}
