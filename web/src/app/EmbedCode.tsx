// "Copy embed code": the iframe snippet that puts this walk-through, at its current state, in
// a course page. Copied to the clipboard where the browser allows it; shown selected in any
// case, so that it can be copied by hand.

import { useRef, useState } from 'preact/hooks';
import { locale } from '../state/locale';
import { useSentence } from '../ui/useSentence';
import { tApp } from './messages';

export interface EmbedCodeProps {
  /** the page's address without its query */
  page: string;
  /** the current state's query, e.g. "?op=conv_forward&...&step=5" */
  query: string;
  op: string;
}

/** The iframe snippet for `query` shown in embed mode, in the page's language (lang=...). */
function embedSnippet(page: string, query: string, op: string): string {
  const lang = new URLSearchParams(query).has('lang') ? '' : `&lang=${locale.value}`;
  const src = `${page}${query}${lang}&embed=1`.replaceAll('&', '&amp;');
  const title = tApp('embedTitle', { op }).replaceAll('"', '&quot;');
  return `<iframe src="${src}" width="800" height="500" style="border:0;max-width:100%" title="${title}" loading="lazy"></iframe>`;
}

export function EmbedCode({ page, query, op }: EmbedCodeProps) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useSentence();
  const area = useRef<HTMLTextAreaElement>(null);
  const text = embedSnippet(page, query, op);

  async function copy(): Promise<void> {
    setOpen(true);
    try {
      await navigator.clipboard.writeText(text);
      setSaid(() => tApp('embedCopied'));
    } catch {
      setSaid(() => tApp('embedNotCopied'));
      area.current?.select();
    }
  }

  return (
    <div class="embed-code">
      <button type="button" class="header-button" onClick={() => void copy()} aria-expanded={open}>
        {tApp('copyEmbed')}
      </button>
      {open && (
        <div class="embed-pop" role="group" aria-label={tApp('embedCode')}>
          <textarea ref={area} readOnly rows={4} value={text} aria-label={tApp('embedSnippet')} />
          <p role="status">{said}</p>
          <button type="button" class="header-button" onClick={() => setOpen(false)}>
            {tApp('close')}
          </button>
        </div>
      )}
    </div>
  );
}
