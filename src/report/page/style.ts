/** The page's stylesheet (inline in report.html). */
export const CSS = `
:root{font-family:system-ui,"Segoe UI","Yu Gothic UI","Meiryo","Noto Sans CJK JP",sans-serif;color:#1b1b1b;background:#f6f7f9}
body{margin:0 auto;max-width:1280px;padding:16px 24px}
html[lang=ja] .l-en,html[lang=en] .l-ja{display:none}
header{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
header>div{min-width:0;flex:1 1 auto}
h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:2px solid #d0d5dd;padding-bottom:4px}
.muted{color:#667085}code{font-family:Consolas,"Cascadia Mono",monospace;font-size:.92em;background:#eef0f3;padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
#toggle-lang{flex:0 0 auto;white-space:nowrap;word-break:keep-all;min-width:max-content;padding:6px 12px;border:1px solid #98a2b3;background:#fff;border-radius:6px;cursor:pointer}
.banner{border-radius:8px;padding:10px 16px;margin:10px 0;border:1px solid}
.banner.bad{background:#fdecea;border-color:#e57373}.banner.warn{background:#fff8e1;border-color:#ffb300}
.banner h2{border:0;margin:0 0 4px;font-size:1.1em;padding:0}.banner ul{margin:4px 0;padding-left:1.3em}
.summary-line{font-size:1.15em;margin:10px 0}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border-radius:8px;padding:12px 18px;min-width:130px;box-shadow:0 1px 2px #0002}
.card .n{font-size:2em;font-weight:600;display:block}.card.ok .n{color:#2e7d32}.card.bad .n{color:#c62828}.card.unk .n{color:#546e7a}
a.card{color:inherit;text-decoration:none}
#per-path-counts .wc{white-space:normal;font-size:.85em;font-weight:400}#per-path-counts td:first-child{overflow-wrap:anywhere}
.first{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.first>div{flex:1 1 420px;min-width:0}
.charts{display:flex;flex-wrap:wrap;gap:24px}figure{background:#fff;border-radius:8px;padding:10px;margin:0;box-shadow:0 1px 2px #0002;max-width:100%;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:6px}svg .lbl,svg .num{font-size:12px;dominant-baseline:middle;fill:#344054}
rect.ok,.sw.ok{fill:#2e7d32;background:#2e7d32}rect.bad,.sw.bad{fill:#c62828;background:#c62828}rect.unk,.sw.unk{fill:#78909c;background:#78909c}
.reasons{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:.9em}
.sw{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.92em}th,td{border:1px solid #e4e7ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n,th.n{text-align:right;white-space:nowrap}td.ok,span.ok,.d-allowed{color:#2e7d32}td.bad,span.bad,.d-blocked{color:#c62828;font-weight:600}
td.unk,span.unk,.d-unknown{color:#546e7a;font-weight:600}span.ung,.d-unguarded{color:#b26a00;font-weight:600}
a.kb{white-space:nowrap}.pnote{font-size:.82em;color:#667085;margin-top:4px;max-width:560px}
.mark{display:inline-block;font-size:.8em;border-radius:4px;padding:0 5px;margin-left:4px;white-space:nowrap}
.mark.inf{background:#fff3e0;color:#8a4b00;border:1px solid #ffcc80}.mark.faq{background:#e8f5e9;color:#1b5e20;border:1px solid #a5d6a7}
#fix-first td:nth-child(1){width:12%}#fix-first td:nth-child(2){width:12%}#fix-first td:nth-child(3){width:30%}
#fix-first ul{margin:0;padding-left:1.1em}ol.rem{margin:0;padding-left:1.3em}ol.rem li{margin:2px 0}
.path{background:#fff;border-radius:8px;padding:8px 16px 14px;margin:12px 0;box-shadow:0 1px 2px #0002}
.popwrap{margin:8px 0 14px}.pmeta{font-size:.85em;color:#667085;margin-bottom:4px}
.popup{max-width:560px;border:1px solid #7a7a7a;background:#fff;box-shadow:0 8px 24px #0004;font-family:"Segoe UI","Yu Gothic UI","Meiryo",system-ui,sans-serif}
.ptitle{display:flex;align-items:center;height:30px;font-size:.86em;background:#fff}
.ptitle .cap{flex:1 1 auto;padding:0 10px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ptitle .x{flex:0 0 46px;height:30px;line-height:30px;text-align:center;color:#1b1b1b;font-size:14px}
.pbody{display:flex;gap:14px;padding:16px 18px 20px;align-items:flex-start}.pbody svg{flex:0 0 32px}
.ptext{white-space:pre-wrap;line-height:1.5;overflow-wrap:anywhere;min-width:0}
.pbuttons{text-align:right;padding:10px 12px;background:#f0f0f0;border-top:1px solid #dfdfdf}
.pbuttons button{min-width:86px;margin-left:8px;padding:4px 10px;background:#fdfdfd;border:1px solid #adadad;color:#1b1b1b}
.pbuttons button:first-child{border-color:#0078d4;box-shadow:inset 0 0 0 1px #0078d4}
#machine-list .controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:8px 0}
#machine-list label.f{display:flex;flex-direction:column;font-size:.85em;gap:2px;max-width:260px}
#machine-list select{max-width:260px}
#machine-search{min-width:240px;padding:5px 8px;font-size:1em}
#machine-list .bar{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:6px 0}
#machine-list button{padding:4px 12px;border:1px solid #98a2b3;background:#fff;border-radius:6px;cursor:pointer}
#machine-list button:disabled{opacity:.5;cursor:default}
#machines th[data-sort]{cursor:pointer;user-select:none}#machines th[aria-sort=ascending]::after{content:" \\25B2"}#machines th[aria-sort=descending]::after{content:" \\25BC"}
#machine-list:not(.live) .controls,#machine-list:not(.live) .bar{display:none}
#machine-pager{display:flex;gap:10px;align-items:center;margin:8px 0}
`;
