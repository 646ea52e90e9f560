import { createHash } from 'node:crypto';

/**
 * The one style sheet, inlined in every page (no external request). Light by default, dark
 * under `prefers-color-scheme: dark`; visible focus rings; colour is never the only signal
 * (every state is also written out).
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;
--link:#0550ae;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--info:#0969da;--focus:#bf3989}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;
--panel:#151b23;--link:#74b9ff;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--info:#58a6ff;--focus:#ff7bd0}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;padding:.5em 1em;background:var(--panel);z-index:2}
.skip:focus{left:1em}
header{border-bottom:1px solid var(--line);padding:.6em 1.2em;display:flex;flex-wrap:wrap;gap:.4em 1.5em;align-items:center}
header .brand{font-weight:700}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2em 1em;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding:1em 1.2em;max-width:90em}
h1{font-size:1.5em;margin:.2em 0 .6em}h2{font-size:1.15em;margin:1.4em 0 .5em}
.muted{color:var(--muted)}
.problem{border-left:4px solid var(--warn);background:var(--panel);padding:.5em .8em;margin:.5em 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:.8em;padding:0;list-style:none}
.tile{border:1px solid var(--line);border-radius:6px;padding:.6em .8em;background:var(--panel)}
.tile .n{display:block;font-size:1.6em;font-weight:700}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--panel);padding:.05em .3em;border-radius:4px;overflow-wrap:anywhere}
.state{font-weight:600;white-space:nowrap}
.state-in-sync,.state-managed,.state-tombstone,.state-succeeded,.state-no-changes{color:var(--ok)}
.state-drifted,.state-absent,.state-partial{color:var(--warn)}
.state-blocked,.state-adopt-required,.state-failed,.state-aborted{color:var(--bad)}
.state-in-flight,.state-unobserved{color:var(--info)}
form.filter{display:flex;flex-wrap:wrap;gap:.5em;align-items:end;margin:.4em 0 .8em}
label{display:flex;flex-direction:column;font-size:.9em}
input,select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25em .5em}
.pager{display:flex;gap:1em;margin:.6em 0}
footer{padding:1em 1.2em;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}
`;

/** The CSP source that allows exactly this style sheet (`'sha256-…'`). */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
