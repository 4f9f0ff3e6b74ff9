// "Your own data", in the parameter column: an image as A_prev, filters for W, pasted arrays,
// and what a copied link keeps of them. Everything goes through the store's data source
// (state/source.ts); the operations read it when they open a run.

import { unlinked } from '../../state/source';
import { useStore } from '../../ui/context';
import { useSentence } from '../../ui/useSentence';
import { FilterInput } from './FilterInput';
import { ImageInput } from './ImageInput';
import { PasteArrays } from './PasteArrays';
import './ownData.css';
import { tOwnData } from './messages';

/** What a link keeps of the data source, in one sentence. */
export function linkSentence(lost: readonly string[]): string {
  if (lost.length === 0) return tOwnData('linkCopied');
  return tOwnData('linkCopiedWithout', { lost: lost.join(tOwnData('and')) });
}

export function OwnData() {
  const store = useStore();
  const inputs = store.run.value.inputs ?? {};
  const [copied, setCopied] = useSentence();
  const lost = unlinked(store.source.value);

  function copy(): void {
    const href = `${location.origin}${location.pathname}${store.query.peek()}`;
    const lost = unlinked(store.source.peek());
    const done = () => setCopied(() => linkSentence(lost));
    const byHand = () => setCopied(() => tOwnData('copyThisLink', { href, say: linkSentence(lost) }));
    if (navigator.clipboard?.writeText === undefined) {
      byHand();
      return;
    }
    navigator.clipboard.writeText(href).then(done, byHand);
  }

  return (
    <section class="own-data" aria-labelledby="own-data-title">
      <h2 id="own-data-title">{tOwnData('ownData')}</h2>
      <ImageInput />
      {inputs.W !== undefined && <FilterInput />}
      <PasteArrays />
      <div class="own-row">
        <button type="button" onClick={copy}>
          {tOwnData('copyLink')}
        </button>
      </div>
      {lost.length > 0 && copied === null && (
        <p class="own-hint">{tOwnData('notCarried', { lost: lost.join(tOwnData('and')) })}</p>
      )}
      {copied !== null && (
        <p class="own-status" role="status">
          {copied}
        </p>
      )}
    </section>
  );
}
