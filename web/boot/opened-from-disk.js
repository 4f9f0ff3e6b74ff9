// A plain (not module) script, written into the built page's body (vite.config.ts, diskNotice),
// so that it runs where the page's module scripts cannot: a browser opening dist/index.html from
// disk (file://) refuses to load module scripts and the .wasm from there, and the page would stay
// blank. This says why and what to do instead. Served over http(s) it does nothing.
(() => {
  if (location.protocol !== 'file:') return;
  const root = document.getElementById('app');
  if (root === null) return;
  const p = document.createElement('p');
  p.className = 'boot';
  p.setAttribute('role', 'alert');
  p.textContent =
    'This copy of convstep must be served, not opened from disk: the browser does not run its ' +
    'scripts from a file:// address. Serve this folder (for example `npx vite preview` in the ' +
    'project, or `python3 -m http.server` in this folder, then open the address it prints), or ' +
    'open convstep.html, the one-file copy that `npm run build:single` writes, which works from disk.';
  root.replaceChildren(p);
})();
