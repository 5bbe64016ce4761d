// mnemo's web UI: plain DOM, no framework. Everything works from the keyboard; shortcuts are hinted
// beside what they act on. Text from notes is inserted as text; only the server's sanitized note
// HTML is inserted as HTML.
'use strict';
(() => {
  const TOKEN = document.querySelector('meta[name="mnemo-token"]').content;
  const $ = (s, el = document) => el.querySelector(s);
  const view = $('#view');
  const q = $('#q');
  const modeSel = $('#mode');
  const status = $('#status');
  let selected = 0;          // index of the selected item in the current list
  let items = [];            // elements that j/k move through
  let pendingG = false;      // after 'g', waiting for the second key
  let searchTimer = null;
  let lastQuery = null;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  async function api(path, params = {}) {
    const u = new URL('/api/' + path, location.origin);
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') u.searchParams.set(k, v);
    const r = await fetch(u, { headers: { 'X-Mnemo-Token': TOKEN } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return { body, headers: r.headers };
  }

  /** A snippet with **marks** as text nodes and <mark> elements. */
  function marked(snippet) {
    const frag = document.createDocumentFragment();
    snippet.split('**').forEach((part, i) => frag.append(i % 2 ? el('mark', { text: part }) : document.createTextNode(part)));
    return frag;
  }

  function setItems(list) {
    items = list;
    selected = 0;
    paintSelection();
  }

  function paintSelection() {
    items.forEach((it, i) => it.classList.toggle('selected', i === selected));
    const cur = items[selected];
    if (cur) cur.scrollIntoView({ block: 'nearest' });
  }

  function move(delta) {
    if (!items.length) return;
    selected = Math.max(0, Math.min(items.length - 1, selected + delta));
    paintSelection();
  }

  function noteHref(path, start, end) {
    return '#/note/' + encodeURIComponent(path) + (start ? '?l=' + start + '-' + (end || start) : '');
  }

  function hitItem(h) {
    const where = h.heading || h.title || '';
    const li = el('li', { class: 'item hit', 'data-href': noteHref(h.path, h.startLine, h.endLine) },
      el('div', {},
        el('span', { class: 'where', text: where }),
        h.date ? el('span', { class: 'date', text: h.date }) : null,
        el('span', { class: 'why', text: (h.matched || []).join(' · ') })),
      el('div', { class: 'loc', text: h.path + ':' + h.startLine + '-' + h.endLine }),
      el('div', { class: 'snip' }, marked(h.snippet || '')));
    li.addEventListener('click', () => { location.hash = li.dataset.href; });
    return li;
  }

  function entryItem(e) {
    const li = el('li', { class: 'item entry', 'data-href': noteHref(e.path, e.startLine, e.endLine) },
      el('div', {}, el('span', { class: 'where', text: e.title || e.path }), el('span', { class: 'date', text: e.date })),
      el('div', { class: 'loc', text: e.path + ':' + e.startLine + '-' + e.endLine }),
      e.firstLine ? el('div', { class: 'snip', text: e.firstLine }) : null);
    li.addEventListener('click', () => { location.hash = li.dataset.href; });
    return li;
  }

  function show(...nodes) {
    view.replaceChildren(...nodes);
  }

  function fail(err) {
    show(el('p', { class: 'error', text: String(err.message || err) }));
    setItems([]);
  }

  // ---- views ----

  async function home() {
    document.title = 'mnemo';
    const [otd, res, stats] = await Promise.all([api('on-this-day'), api('resurface'), api('stats')]);
    const d = otd.body;
    const lists = [['On this day', d.sameDay], ['This week, other years', d.sameWeek], ['This day, other months', d.sameDayOfMonth]];
    const otdCard = el('section', { class: 'card' }, el('h2', { text: 'On this day · ' + d.date }));
    let any = false;
    for (const [title, list] of lists) {
      if (!list.length) continue;
      any = true;
      otdCard.append(el('h3', { class: 'dim', text: title }), el('ol', { class: 'list' }, ...list.map(entryItem)));
    }
    if (!any) otdCard.append(el('p', { class: 'dim', text: 'Nothing from this day yet.' }));
    const r = res.body;
    const resCard = el('section', { class: 'card' }, el('h2', { text: 'Resurfaced for today' }));
    if (r.entry) {
      // More of the entry than its item shows, wrapped; its heading is the item's title already.
      const more = (r.text || '').replace(/^\s*#{1,6}\s[^\n]*\n+/, '').slice(0, 600);
      resCard.append(el('ol', { class: 'list' }, entryItem(r.entry)), el('p', { class: 'dim excerpt', text: more }));
    } else resCard.append(el('p', { class: 'dim', text: 'Nothing older to resurface yet.' }));
    const s = stats.body;
    show(el('h1', { text: 'Your notes' }),
      el('p', { class: 'dim', text: `${s.notes} notes · ${s.entries} dated entries · ${s.chunks} chunks · ${s.unresolved} links to notes not written yet` }),
      el('div', { class: 'cards' }, otdCard, resCard));
    setItems([...view.querySelectorAll('.item')]);
  }

  async function search(query) {
    lastQuery = query;
    if (!query.trim()) { location.hash = '#/'; return; }
    const t0 = performance.now();
    const { body, headers } = await api('search', { q: query, mode: modeSel.value, limit: 30 });
    if (query !== lastQuery) return;
    document.title = query + ' · mnemo';
    const list = el('ol', { class: 'list', id: 'results' }, ...body.map(hitItem));
    // How the query was read, when that is not plain to see (words taken as a date filter).
    const notice = headers.get('X-Mnemo-Notice');
    show(el('p', { class: 'dim', text: `${body.length} hits · ${headers.get('X-Mnemo-Mode')} · ${Math.round(performance.now() - t0)} ms` }),
      ...(notice ? [el('p', { class: 'notice', id: 'notice', text: decodeURIComponent(notice.replace(/\+/g, ' ')) })] : []),
      body.length ? list : el('p', { text: 'No hits. Try other words, the other language, or semantic mode (m).' }));
    setItems([...list.children]);
  }

  async function note(path, lines) {
    const n = (await api('note', { path })).body;
    document.title = n.title + ' · mnemo';
    const article = el('article', { id: 'note', 'data-path': n.path });
    article.innerHTML = n.html;               // sanitized on the server: raw HTML escaped, URLs checked
    for (const a of article.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href');
      if (!href.startsWith('#')) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    }
    const head = el('div', {}, el('h1', { text: n.title }),
      el('p', { class: 'loc dim', text: n.path + ' · ' + n.lineCount + ' lines' + (n.date ? ' · ' + n.date : '')
        + (n.tags && n.tags.length ? ' · #' + n.tags.join(' #') : '') }));
    const aside = el('aside', { id: 'side' }, el('p', { class: 'dim', text: 'loading links…' }));
    show(el('div', { class: 'note-layout' }, el('div', {}, head, article), aside));
    let first = null;
    if (lines) {
      const [a, b] = lines;
      for (const block of article.querySelectorAll('[data-line]')) {
        const s = +block.dataset.line, e = +(block.dataset.end || s);
        if (s <= b && e >= a && !block.querySelector('[data-line]')) {
          block.classList.add('hl');
          first = first || block;
        }
      }
    }
    if (first) first.scrollIntoView({ block: 'center' }); else window.scrollTo(0, 0);
    setItems([]);
    sidebar(n.path, lines ? lines[0] : 0, aside).catch(e => aside.replaceChildren(el('p', { class: 'error', text: e.message })));
  }

  async function sidebar(path, line, aside) {
    const links = (await api('links', { path })).body;
    const sec = (title, list, make) => list.length ? [el('h3', { text: `${title} (${list.length})` }), el('ol', { class: 'list' }, ...list.map(make))] : [];
    const linkItem = (l, href) => {
      const li = el('li', { class: 'item link', 'data-href': href },
        el('div', { text: l.name + (l.line ? '  L' + l.line : '') }), l.text ? el('div', { class: 'snip dim', text: l.text }) : null);
      li.addEventListener('click', () => { location.hash = href; });
      return li;
    };
    const parts = [
      ...sec('Backlinks', links.backlinks, l => linkItem(l, noteHref(l.path, l.line))),
      ...sec('Outgoing', links.outgoing, l => linkItem(l, noteHref(l.path))),
      ...sec('Not written yet', links.unresolved, l => el('li', { class: 'item dim', text: l.name + '  L' + l.line })),
      ...sec('Unlinked mentions', links.unlinkedMentions, m => linkItem({ name: m.path, line: m.line, text: m.text }, noteHref(m.path, m.line))),
    ];
    aside.replaceChildren(...parts);
    try {
      const rel = (await api('related', { path, line: line || '' })).body;
      if (rel.hits.length) aside.append(el('h3', { text: `Related (${rel.hits.length})` }), el('ol', { class: 'list' }, ...rel.hits.map(hitItem)));
    } catch (e) { aside.append(el('p', { class: 'dim', text: 'Related notes need an index with vectors.' })); }
    if (!aside.children.length) aside.append(el('p', { class: 'dim', text: 'No links.' }));
    setItems([...aside.querySelectorAll('.item[data-href]')]);
    selected = -1; paintSelection();
  }

  async function timeline() {
    document.title = 'timeline · mnemo';
    const t = (await api('timeline', { per: 'day' })).body;
    const counts = t.counts;
    const years = [...new Set(Object.keys(counts).map(d => d.slice(0, 4)))].sort().reverse();
    const heat = el('div', { class: 'heat', id: 'timeline' });
    const cells = [];
    const entries = n => n === 1 ? '1 entry' : `${n} entries`;
    const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (const y of years) {
      const grid = el('div', { class: 'grid' });
      const months = el('div', { class: 'months' });
      const start = new Date(Date.UTC(+y, 0, 1));
      const lead = (start.getUTCDay() + 6) % 7;  // weeks start on Monday
      for (let i = 0; i < lead; i++) grid.append(el('div', { class: 'day empty' }));
      for (let d = new Date(start), i = 0; d.getUTCFullYear() === +y; d.setUTCDate(d.getUTCDate() + 1), i++) {
        const iso = d.toISOString().slice(0, 10);
        const n = counts[iso] || 0;
        // Each month's name above the week column its first day falls in.
        if (d.getUTCDate() === 1) {
          const label = months.appendChild(el('span', { text: monthNames[d.getUTCMonth()] }));
          label.style.left = Math.floor((lead + i) / 7) * 14 + 'px';  // CSSOM, which the page's CSP allows
        }
        const cell = el('div', { class: 'day' + (n ? ' l' + Math.min(4, n) : ''), title: `${iso}: ${entries(n)}`, 'data-date': iso });
        if (n) { cell.addEventListener('click', () => openDay(iso, t.entries)); cells.push(cell); }
        grid.append(cell);
      }
      heat.append(el('div', { class: 'year' }, el('h3', { text: `${y} · ${entries(Object.entries(counts).filter(([k]) => k.startsWith(y)).reduce((a, [, v]) => a + v, 0))}` }), months, grid));
    }
    const dayList = el('div', { id: 'day-entries' });
    show(el('h1', { text: 'Timeline' }), el('p', { class: 'dim' }, 'Days with entries. ', el('kbd', { text: 'j' }), ' ', el('kbd', { text: 'k' }), ' move between days, ', el('kbd', { text: 'Enter' }), ' opens the day.'), heat, dayList);
    cells.reverse();  // newest first
    setItems(cells);
    view._openDay = () => { const c = items[selected]; if (c) openDay(c.dataset.date, t.entries); };
  }

  function openDay(iso, entries) {
    const list = entries.filter(e => e.date === iso);
    const box = $('#day-entries');
    box.replaceChildren(el('h2', { text: iso }), el('ol', { class: 'list' }, ...list.map(entryItem)));
    view._dayItems = [...box.querySelectorAll('.item')];
    setItems(view._dayItems);
    view._openDay = null;
  }

  async function week(spec) {
    const w = (await api('week', { week: spec || '' })).body;
    document.title = 'week ' + w.week + ' · mnemo';
    const md = el('article', { id: 'note', class: 'week-md' });
    md.innerHTML = w.html;
    for (const a of md.querySelectorAll('a.wikilink')) {
      const item = a.closest('li');
      if (item) { item.classList.add('item'); item.dataset.href = a.getAttribute('href'); }
    }
    // Past the adjacent weeks, links to the nearest weeks that have entries: an old journal's
    // latest week may be years back.
    const nav = el('p', { class: 'dim' }, el('kbd', { text: '[' }), ' previous week · next week ', el('kbd', { text: ']' }), `   ${w.from} – ${w.to}`);
    if (w.previous) nav.append('   ', el('kbd', { text: '{' }), ' ', el('a', { id: 'week-previous', href: '#/week/' + w.previous, text: `← entries, week of ${w.previous}` }));
    if (w.next) nav.append('   ', el('a', { id: 'week-next', href: '#/week/' + w.next, text: `entries, week of ${w.next} →` }), ' ', el('kbd', { text: '}' }));
    show(nav, md);
    view._week = w.from;
    view._weekJump = { '{': w.previous, '}': w.next };
    setItems([...md.querySelectorAll('li.item')]);
  }

  const att = { data: null, layer: 0, head: 0 };
  async function attention() {
    document.title = 'attention · mnemo';
    const input = el('input', { id: 'att-text', type: 'text', value: att.text || 'The cat sat on the mat because it was tired. 猫坐在垫子上。' });
    const layerSel = el('select', { id: 'att-layer' });
    const headSel = el('select', { id: 'att-head' });
    const grid = el('div', { id: 'att-view' });
    show(el('h1', { text: 'Attention explorer' }),
      el('p', { class: 'dim' }, 'Who attends to whom inside our encoder (bge-small-zh): row = the token that looks (its query), column = the token it looks at (key). ',
        el('kbd', { text: 'Enter' }), ' runs, ', el('kbd', { text: '[' }), ' ', el('kbd', { text: ']' }), ' change head, ', el('kbd', { text: '{' }), ' ', el('kbd', { text: '}' }), ' change layer.'),
      el('div', { id: 'att-controls' }, input, el('label', {}, 'layer ', layerSel), el('label', {}, 'head ', headSel)), grid);
    const run = async () => {
      att.text = input.value;
      const a = (await api('attention', { text: input.value })).body;
      att.data = a; att.layer = Math.min(att.layer, a.layers - 1); att.head = Math.min(att.head, a.heads - 1);
      layerSel.replaceChildren(...Array.from({ length: a.layers }, (_, i) => el('option', { value: i, text: i + 1 })));
      headSel.replaceChildren(...Array.from({ length: a.heads }, (_, i) => el('option', { value: i, text: i + 1 })));
      drawAttention();
    };
    input.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); run().catch(fail); } });
    layerSel.addEventListener('change', () => { att.layer = +layerSel.value; drawAttention(); });
    headSel.addEventListener('change', () => { att.head = +headSel.value; drawAttention(); });
    view._attRun = run;
    setItems([]);
    input.focus();
    await run();
  }

  function drawAttention() {
    const a = att.data;
    if (!a) return;
    $('#att-layer').value = att.layer; $('#att-head').value = att.head;
    const n = a.tokens.length;
    const w = a.weights[att.layer][att.head];
    const theme = document.documentElement.dataset.theme;
    const dark = theme === 'dark' || (!theme && matchMedia('(prefers-color-scheme: dark)').matches);
    const table = el('table', { id: 'att-grid' });
    table.append(el('thead', {}, el('tr', {}, el('th'), ...a.tokens.map(t => el('th', { text: t })))));
    const body = el('tbody');
    for (let i = 0; i < n; i++) {
      const tr = el('tr', {}, el('th', { text: a.tokens[i] }));
      for (let j = 0; j < n; j++) {
        const v = w[i * n + j];
        const alpha = Math.sqrt(v).toFixed(3);
        tr.append(el('td', { title: `${a.tokens[i]} → ${a.tokens[j]}: ${v.toFixed(3)}`, 'data-w': v.toFixed(4) }));
        tr.lastChild.style.background = dark ? `rgba(145,167,255,${alpha})` : `rgba(59,91,219,${alpha})`;
      }
      body.append(tr);
    }
    table.append(body);
    $('#att-view').replaceChildren(el('p', { class: 'dim', text: `${a.model}: layer ${att.layer + 1} of ${a.layers}, head ${att.head + 1} of ${a.heads}, ${n} tokens` }), table);
  }

  // ---- routing ----

  async function route() {
    const h = location.hash || '#/';
    status.textContent = '';
    try {
      if (h.startsWith('#/search')) {
        const query = new URLSearchParams(h.split('?')[1] || '').get('q') || '';
        if (q.value !== query) q.value = query;
        await search(query);
      } else if (h.startsWith('#/note/')) {
        const [p, qs] = h.slice(7).split('?');
        const l = new URLSearchParams(qs || '').get('l');
        await note(decodeURIComponent(p), l ? l.split('-').map(Number) : null);
      } else if (h.startsWith('#/timeline')) await timeline();
      else if (h.startsWith('#/week')) await week(decodeURIComponent(h.slice(7)));
      else if (h.startsWith('#/attention')) await attention();
      else await home();
    } catch (e) { fail(e); }
  }
  window.addEventListener('hashchange', route);

  q.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const target = '#/search?q=' + encodeURIComponent(q.value);
      if (location.hash !== target) history.replaceState(null, '', target);
      route();
    }, 120);
  });
  modeSel.addEventListener('change', () => { if (q.value) route(); });

  // ---- keyboard ----

  const commands = [
    ['Search', () => q.focus()], ['Home', () => { location.hash = '#/'; }], ['Timeline', () => { location.hash = '#/timeline'; }],
    ['This week', () => { location.hash = '#/week'; }], ['Attention explorer', () => { location.hash = '#/attention'; }],
    ['Keyword mode', () => setMode('keyword')], ['Semantic mode', () => setMode('semantic')], ['Hybrid mode', () => setMode('hybrid')],
    ['Light theme', () => { document.documentElement.dataset.theme = 'light'; }], ['Dark theme', () => { document.documentElement.dataset.theme = 'dark'; }],
    ['Keyboard shortcuts', () => toggle($('#help'), true)],
  ];
  function setMode(m) { modeSel.value = m; if (q.value) route(); status.textContent = 'mode: ' + m; }
  function toggle(overlay, on) { overlay.hidden = !on; if (on && overlay.id === 'palette') { const i = $('#palette-input'); i.value = ''; paletteFilter(); i.focus(); } }
  let paletteSel = 0, paletteItems = [];
  function paletteFilter() {
    const f = $('#palette-input').value.toLowerCase();
    paletteItems = commands.filter(([n]) => n.toLowerCase().includes(f));
    paletteSel = 0;
    $('#palette-list').replaceChildren(...paletteItems.map(([n], i) => el('li', { class: i === paletteSel ? 'selected' : '', text: n })));
  }
  $('#palette-input').addEventListener('input', paletteFilter);
  $('#palette-input').addEventListener('keydown', e => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      paletteSel = Math.max(0, Math.min(paletteItems.length - 1, paletteSel + (e.key === 'ArrowDown' ? 1 : -1)));
      [...$('#palette-list').children].forEach((li, i) => li.classList.toggle('selected', i === paletteSel));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = paletteItems[paletteSel];
      toggle($('#palette'), false);
      if (c) c[1]();
    }
  });
  $('#help-link').addEventListener('click', e => { e.preventDefault(); toggle($('#help'), true); });

  document.addEventListener('keydown', e => {
    const inField = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') { e.preventDefault(); toggle($('#palette'), $('#palette').hidden); return; }
    if (e.key === 'Escape') {
      if (!$('#palette').hidden) { toggle($('#palette'), false); return; }
      if (!$('#help').hidden) { toggle($('#help'), false); return; }
      if (inField) { document.activeElement.blur(); view.focus(); if (items.length) paintSelection(); return; }
      if (location.hash.startsWith('#/note/') || location.hash.startsWith('#/week') || location.hash.startsWith('#/timeline') || location.hash.startsWith('#/attention')) history.back();
      else if (location.hash.startsWith('#/search')) { q.value = ''; location.hash = '#/'; }
      return;
    }
    if (inField) {
      if (document.activeElement === q && (e.key === 'ArrowDown' || e.key === 'Enter')) {
        e.preventDefault(); q.blur(); view.focus();
        if (e.key === 'Enter' && items.length && location.hash.startsWith('#/search')) { selected = 0; paintSelection(); }
        else move(0);
      }
      return;
    }
    if (!$('#palette').hidden || !$('#help').hidden) return;
    if (pendingG) {
      pendingG = false;
      const to = { t: '#/timeline', w: '#/week', a: '#/attention', h: '#/' }[e.key];
      if (to) { e.preventDefault(); location.hash = to; }
      return;
    }
    switch (e.key) {
      case '/': e.preventDefault(); q.focus(); q.select(); break;
      case 'g': pendingG = true; setTimeout(() => { pendingG = false; }, 1500); break;
      case '?': toggle($('#help'), true); break;
      case 'j': case 'ArrowDown': e.preventDefault(); move(1); break;
      case 'k': case 'ArrowUp': e.preventDefault(); move(-1); break;
      case 'm': setMode({ hybrid: 'keyword', keyword: 'semantic', semantic: 'hybrid' }[modeSel.value]); break;
      case 'Enter': {
        if (view._openDay && location.hash.startsWith('#/timeline')) { view._openDay(); break; }
        const cur = items[selected];
        if (cur && cur.dataset.href) location.hash = cur.dataset.href;
        break;
      }
      case '[': case ']': {
        const d = e.key === ']' ? 1 : -1;
        if (location.hash.startsWith('#/week') && view._week) {
          const m = new Date(view._week + 'T00:00:00Z'); m.setUTCDate(m.getUTCDate() + 7 * d);
          location.hash = '#/week/' + m.toISOString().slice(0, 10);
        } else if (location.hash.startsWith('#/attention') && att.data) {
          att.head = (att.head + d + att.data.heads) % att.data.heads; drawAttention();
        }
        break;
      }
      case '{': case '}':
        if (location.hash.startsWith('#/week') && view._weekJump) { if (view._weekJump[e.key]) location.hash = '#/week/' + view._weekJump[e.key]; }
        else if (location.hash.startsWith('#/attention') && att.data) { att.layer = (att.layer + (e.key === '}' ? 1 : -1) + att.data.layers) % att.data.layers; drawAttention(); }
        break;
    }
  });

  route();
})();
