// "Copy embed code": the iframe snippet that puts this walk-through, at its current state, in
// a course page. Copied to the clipboard where the browser allows it; shown selected in any
// case, so that it can be copied by hand.

import { useRef, useState } from 'preact/hooks';

export interface EmbedCodeProps {
  /** the page's address without its query */
  page: string;
  /** the current state's query, e.g. "?op=conv_forward&...&step=5" */
  query: string;
  op: string;
}

/** The iframe snippet for `query` shown in embed mode. */
function embedSnippet(page: string, query: string, op: string): string {
  const src = `${page}${query}&embed=1`.replaceAll('&', '&amp;');
  return `<iframe src="${src}" width="800" height="500" style="border:0;max-width:100%" title="convstep: ${op}, step by step" loading="lazy"></iframe>`;
}

export function EmbedCode({ page, query, op }: EmbedCodeProps) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const text = embedSnippet(page, query, op);

  async function copy(): Promise<void> {
    setOpen(true);
    try {
      await navigator.clipboard.writeText(text);
      setSaid(
        'Copied. Paste it into your course page’s HTML; add &from=A&to=B to the address to keep it to steps A..B.',
      );
    } catch {
      setSaid('The browser did not allow copying: the code is selected, copy it with Ctrl+C.');
      area.current?.select();
    }
  }

  return (
    <div class="embed-code">
      <button type="button" class="header-button" onClick={() => void copy()} aria-expanded={open}>
        Copy embed code
      </button>
      {open && (
        <div class="embed-pop" role="group" aria-label="Embed code">
          <textarea ref={area} readOnly rows={4} value={text} aria-label="The iframe snippet" />
          <p role="status">{said}</p>
          <button type="button" class="header-button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
