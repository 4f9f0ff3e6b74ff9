// What a screen reader says after each step: "step 37 of 192: i=0, c=3, h=0, w=0, Z = 1.2345".

import { useStore } from './context';

export function LiveRegion() {
  const store = useStore();
  return (
    <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
      {store.announcement.value}
    </div>
  );
}
