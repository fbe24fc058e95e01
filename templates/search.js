// search.js: gazette's search page. It reads the index the build writes
// under search/index/ (see generator/search), fetching only the files the
// words of a query need, and shows ranked results as you type. No
// framework, no server. The normalisation of words below must stay in
// step with generator/search/tokens.go and stem.go: a browser test holds
// the two to each other.
(() => {
  'use strict';

  // ---- Words ----

  const MAX_WORD = 40;
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const apostrophe = (c) => c === "'" || c === '\u2019' || c === '\u02bc';
  const inWord = (c) => wordChar.test(c) && !ideograph.test(c);

  // tokens returns the normalised words of text, with where each starts and
  // ends in text (in UTF-16 units), for highlighting.
  function tokens(text) {
    const out = [];
    let i = 0;
    const cp = (k) => String.fromCodePoint(text.codePointAt(k));
    while (i < text.length) {
      const c = cp(i);
      if (!wordChar.test(c)) { i += c.length; continue; }
      if (ideograph.test(c)) {
        const w = normalize(c);
        if (w) out.push({ word: w, start: i, end: i + c.length });
        i += c.length;
        continue;
      }
      const start = i;
      i += c.length;
      while (i < text.length) {
        const d = cp(i);
        if (inWord(d)) { i += d.length; continue; }
        if (apostrophe(d) && i + d.length < text.length && inWord(cp(i + d.length))) { i += d.length; continue; }
        break;
      }
      const w = normalize(text.slice(start, i));
      if (w) out.push({ word: w, start, end: i });
    }
    return out;
  }

  function fold(s) {
    if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[\u2019\u02bc]/g, "'")
      .toLowerCase().replace(/\u03c2/g, '\u03c3').normalize('NFC');
  }

  // normalize folds one word as the index does; unstemmed, it keeps the
  // word's letters as typed, for finding the words it begins.
  function normalize(word, unstemmed) {
    let w = fold(word);
    if (w.endsWith("'s")) w = w.slice(0, -2);
    w = w.replace(/'/g, '');
    if (w === '' || Array.from(w).length > MAX_WORD) return '';
    return unstemmed ? w : stem(w);
  }

  // stem is step 1 of Porter's stemmer, as in stem.go.
  function stem(w) {
    if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
    if (w.endsWith('sses') || w.endsWith('ies')) w = w.slice(0, -2);
    else if (w.endsWith('ss')) { /* stays */ } else if (w.endsWith('s')) w = w.slice(0, -1);
    if (w.endsWith('eed')) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
      w = tidy(w.slice(0, -2));
    } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
      w = tidy(w.slice(0, -3));
    }
    if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + 'i';
    return w;
  }
  function tidy(w) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) return w + 'e';
    if (doubleConsonant(w) && !/[lsz]$/.test(w)) return w.slice(0, -1);
    if (measure(w) === 1 && cvc(w)) return w + 'e';
    return w;
  }
  function consonant(w, i) {
    const c = w[i];
    if ('aeiou'.includes(c)) return false;
    if (c === 'y') return i === 0 || !consonant(w, i - 1);
    return true;
  }
  function measure(w) {
    let m = 0, vowel = false;
    for (let i = 0; i < w.length; i++) {
      if (consonant(w, i)) { if (vowel) m++; vowel = false; } else vowel = true;
    }
    return m;
  }
  function hasVowel(w) {
    for (let i = 0; i < w.length; i++) if (!consonant(w, i)) return true;
    return false;
  }
  function doubleConsonant(w) {
    const n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && consonant(w, n - 1);
  }
  function cvc(w) {
    const n = w.length;
    if (n < 3 || !consonant(w, n - 1) || consonant(w, n - 2) || !consonant(w, n - 3)) return false;
    return !'wxy'.includes(w[n - 1]);
  }

  // ---- The index ----

  const form = document.querySelector('form.search');
  const indexURL = form ? form.dataset.index : '';
  const rootURL = form ? form.dataset.root : '/';
  const utf8 = new TextEncoder();
  const fromUTF8 = new TextDecoder();
  const files = new Map();

  // load fetches a file of the index once, unpacking gzip (unless the host
  // already did).
  function load(name) {
    if (!files.has(name)) {
      files.set(name, fetch(indexURL + name).then(async (r) => {
        if (!r.ok) throw new Error(name + ': HTTP ' + r.status);
        let buf = new Uint8Array(await r.arrayBuffer());
        if (buf[0] === 0x1f && buf[1] === 0x8b) {
          const s = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'));
          buf = new Uint8Array(await new Response(s).arrayBuffer());
        }
        return buf;
      }));
      files.get(name).catch(() => files.delete(name));
    }
    return files.get(name);
  }
  let meta = null;
  const loadMeta = () => meta || (meta = fetch(indexURL + 'meta.json').then((r) => {
    if (!r.ok) throw new Error('meta.json: HTTP ' + r.status);
    return r.json();
  }));

  class Reader {
    constructor(buf, pos = 0) { this.buf = buf; this.pos = pos; }
    uvarint() {
      let x = 0, s = 1, b;
      do { b = this.buf[this.pos++]; x += (b & 0x7f) * s; s *= 128; } while (b & 0x80);
      return x;
    }
    byte() { return this.buf[this.pos++]; }
    bytes(n) { const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  }

  // An entry is one word's posting list; its postings, which start at
  // at, are read on demand.
  function readEntry(r) {
    const len = r.uvarint();
    const end = r.pos + len;
    const word = r.bytes(r.uvarint());
    const e = { word, df: r.uvarint(), buf: r.buf, at: r.pos };
    r.pos = end;
    return e;
  }
  function postings(e, isTag) {
    const r = new Reader(e.buf, e.at), n = r.uvarint();
    const ids = new Uint32Array(n), imps = new Uint8Array(n);
    let id = -1;
    for (let k = 0; k < n; k++) {
      id += r.uvarint();
      ids[k] = id;
      if (!isTag) imps[k] = r.byte();
    }
    return { ids, imps };
  }

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const startsWith = (a, p) => a.length >= p.length && p.every((b, i) => a[i] === b);
  const equal = (a, b) => a.length === b.length && startsWith(a, b);

  // lookup walks the word tree to the node that holds key (bytes) and
  // returns its entry, or, with prefix set, the entries of every word of
  // that node that starts with key.
  async function lookup(key, prefix) {
    for (let depth = 0; ; depth++) {
      const r = new Reader(await load('t/_' + hex(key.subarray(0, depth)) + '.bin'));
      if (r.byte() === 0) {
        const found = [];
        for (let n = r.uvarint(); n > 0; n--) {
          const e = readEntry(r);
          if (equal(e.word, key) || (prefix && startsWith(e.word, key))) found.push(e);
        }
        return found;
      }
      const exact = r.byte() ? readEntry(r) : null;
      if (depth === key.length) return exact ? [exact] : [];
      const next = r.bytes(r.uvarint());
      if (!next.includes(key[depth])) return [];
    }
  }

  // ---- Queries ----

  // search returns the ids of matching articles, best first, and the
  // words that matched (for highlighting).
  async function search(q, tag, year) {
    const m = await loadMeta();
    const toks = tokens(q);
    const words = [...new Set(toks.map((t) => t.word))];
    const last = toks[toks.length - 1];
    // The last word, while it is being typed, also finds the words it
    // begins, by its letters as typed rather than its stem: "missed" must
    // not find "mission".
    const typed = last && last.end === q.length ? normalize(q.slice(last.start, last.end), true) : '';
    const prefix = Array.from(typed).length >= 3 ? typed : '';
    const idf = (df) => Math.log(1 + (m.docs - df + 0.5) / (df + 0.5));
    const scores = new Map();
    const matched = new Set(words);
    let total = 0; // for a word whose posting list was cut, its df
    const [lists, begun] = await Promise.all([
      Promise.all(words.map((w) => lookup(utf8.encode(w), false))),
      prefix ? lookup(utf8.encode(prefix), true) : [],
    ]);
    // add counts a word's entry for each article, keeping in best the
    // strongest of the entries of one query word.
    const add = (e, weight, best) => {
      const { ids, imps } = postings(e, false);
      if (ids.length) matched.add(fromUTF8.decode(e.word));
      if (ids.length < e.df) total = Math.max(total, e.df);
      for (let i = 0; i < ids.length; i++) {
        const s = weight * imps[i];
        if (s > (best.get(ids[i]) || 0)) best.set(ids[i], s);
      }
    };
    lists.forEach((entries, k) => {
      const best = new Map();
      let own = Infinity;
      for (const e of entries) {
        own = idf(e.df);
        add(e, own, best);
      }
      if (words[k] === (last && last.word)) {
        // Words begun count less than the word itself, and never more
        // than it: the commonest 24, each article once.
        const more = begun.filter((e) => !entries.some((o) => equal(o.word, e.word)));
        more.sort((a, b) => b.df - a.df);
        for (const e of more.slice(0, 24)) add(e, 0.8 * Math.min(idf(e.df), own), best);
      }
      for (const [id, s] of best) scores.set(id, (scores.get(id) || 0) + s);
    });
    let ids = [...scores.keys()];
    if (year) {
      const y = m.years.find((r) => String(r[0]) === year);
      ids = y ? ids.filter((id) => id >= y[1] && id < y[2]) : [];
    }
    if (tag) {
      const [e] = await lookup(utf8.encode('\x01' + tag), false);
      const have = new Set(e ? postings(e, true).ids : []);
      ids = ids.filter((id) => have.has(id));
    }
    ids.sort((a, b) => scores.get(b) - scores.get(a) || b - a);
    return { ids, matched, total: tag || year ? 0 : total };
  }

  // ---- The page ----

  if (!form) {
    window.gazetteSearch = { tokens, normalize };
    return;
  }
  const input = form.querySelector('#q');
  const tagSel = form.querySelector('#tag');
  const yearSel = form.querySelector('#year');
  const status = document.getElementById('status');
  const list = document.getElementById('results');
  const more = document.getElementById('more');
  const PAGE = 10;
  let current = null; // the query whose results are shown
  let serial = 0;

  function el(name, attrs, ...kids) {
    const n = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    for (const k of kids) n.append(k);
    return n;
  }

  // marked returns text as nodes with the matched words in <mark>.
  function marked(text, matched) {
    const out = [];
    let at = 0;
    for (const t of tokens(text)) {
      if (!matched.has(t.word)) continue;
      out.push(text.slice(at, t.start), el('mark', null, text.slice(t.start, t.end)));
      at = t.end;
    }
    out.push(text.slice(at));
    return out;
  }

  // snippet cuts about 30 words of text around its best run of matches.
  function snippet(text, matched) {
    const toks = tokens(text);
    const SPAN = 30;
    let best = 0, bestAt = 0;
    for (let i = 0, j = 0, n = 0; i < toks.length; i++) {
      if (matched.has(toks[i].word)) n++;
      while (j <= i - SPAN) { if (matched.has(toks[j].word)) n--; j++; }
      if (n > best) { best = n; bestAt = j; }
    }
    if (!toks.length) return '';
    const from = toks[Math.max(0, bestAt - (best ? 3 : 0))];
    const to = toks[Math.min(toks.length - 1, bestAt + SPAN)];
    let s = text.slice(from.start, to.end).replace(/\s+/g, ' ');
    if (text.slice(0, from.start).trim()) s = '… ' + s;
    if (text.slice(to.end).trim()) s += ' …';
    return s;
  }

  // detail loads what a result shows of article id: its URL, title, date
  // and tags, from the index's file of its chunk.
  async function detail(id) {
    const chunk = (await loadMeta()).chunk;
    const docs = await load('d/' + Math.floor(id / chunk) + '.bin').then((b) => JSON.parse(fromUTF8.decode(b)));
    return docs[id % chunk];
  }

  // bodyText fetches an article's page, which the reader may open next,
  // and returns the text of its body, block by block.
  const bodies = new Map();
  function bodyText(url) {
    if (!bodies.has(url)) {
      bodies.set(url, fetch(url).then((r) => (r.ok ? r.text() : '')).then((html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const body = doc.querySelector('[data-search-body]') || doc.querySelector('article') || doc.querySelector('main');
        if (!body) return '';
        for (const b of body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, figcaption')) b.append('\n');
        return body.textContent;
      }).catch(() => ''));
    }
    return bodies.get(url);
  }

  // seen fetches the snippets of results as they come into view.
  const snips = new WeakMap();
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      seen.unobserve(e.target);
      const res = current, snip = snips.get(e.target);
      bodyText(e.target.dataset.url).then((text) => {
        if (res === current) snip.append(...marked(snippet(text, res.matched), res.matched));
      });
    }
  }, { rootMargin: '200px' });

  async function show(res, from) {
    const docs = await Promise.all(res.ids.slice(from, from + PAGE).map(detail));
    if (res !== current) return;
    for (const d of docs) {
      const meta = el('p', { class: 'meta' });
      if (d.d) meta.append(el('time', { datetime: d.d }, d.dt || d.d));
      const snip = el('p', { class: 'snippet' });
      const li = el('li', { class: 'card' },
        el('h2', null, el('a', { href: rootURL + d.u }, ...marked(d.t, res.matched))), meta, snip);
      if (d.g && d.g.length) {
        li.append(el('ul', { class: 'tags', 'aria-label': 'Tags' },
          ...d.g.map(([name, url]) => el('li', null, el('a', { href: rootURL + url }, name)))));
      }
      list.append(li);
      // The snippet follows from the article's page, fetched when the
      // result comes into view.
      li.dataset.url = rootURL + d.u;
      snips.set(li, snip);
      seen.observe(li);
    }
    res.shown = from + docs.length;
    more.hidden = res.shown >= res.ids.length;
  }

  function keepInURL(q, tag, year) {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (tag) p.set('tag', tag);
    if (year) p.set('year', year);
    const s = p.toString();
    history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
  }

  async function run() {
    const q = input.value, tag = tagSel.value, year = yearSel.value;
    keepInURL(q, tag, year);
    const mine = ++serial;
    list.setAttribute('aria-busy', 'true');
    if (!tokens(q).length) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = q.trim() ? 'Type a word to search for.' : '';
      list.removeAttribute('aria-busy');
      return;
    }
    let res;
    try {
      res = await search(q, tag, year);
    } catch (err) {
      if (mine === serial) {
        status.textContent = 'The search index could not be read (' + err.message + ').';
        list.removeAttribute('aria-busy');
      }
      return;
    }
    if (mine !== serial) return;
    current = res;
    seen.disconnect();
    list.replaceChildren();
    const n = Math.max(res.ids.length, res.total);
    status.textContent = n === 0 ? 'No articles match.' :
      n.toLocaleString('en') + ' article' + (n === 1 ? '' : 's') + ' match' + (n === 1 ? 'es' : '') +
      (res.total > res.ids.length ? '; the ' + res.ids.length.toLocaleString('en') + ' strongest are listed.' : '.');
    await show(res, 0);
    if (mine === serial) list.removeAttribute('aria-busy');
  }
  function option(value, label) { return el('option', { value }, label); }

  async function start() {
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    let m;
    try {
      m = await loadMeta();
    } catch (err) {
      status.textContent = 'The search index could not be read (' + err.message + ').';
      return;
    }
    const tag = params.get('tag') || '', year = params.get('year') || '';
    for (const [name, slug, count] of m.tags) tagSel.append(option(slug, name + ' (' + count + ')'));
    if (tag && !m.tags.some((t) => t[1] === tag)) tagSel.append(option(tag, tag));
    for (const [y] of [...m.years].reverse()) yearSel.append(option(String(y), String(y)));
    if (year && !m.years.some((y) => String(y[0]) === year)) yearSel.append(option(year, year));
    tagSel.value = tag;
    yearSel.value = year;
    form.querySelector('.filters').hidden = false;
    let timer = 0;
    input.addEventListener('input', () => {
      list.setAttribute('aria-busy', 'true');
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    tagSel.addEventListener('change', run);
    yearSel.addEventListener('change', run);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      clearTimeout(timer);
      run().then(() => { const a = list.querySelector('a'); if (a) a.focus(); });
    });
    more.addEventListener('click', () => {
      const first = list.children.length;
      show(current, current.shown).then(() => { const a = list.children[first]?.querySelector('a'); if (a) a.focus(); });
    });
    // Arrow keys move between the search box and the results' titles.
    form.parentElement.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
      const links = [input, ...list.querySelectorAll('h2 a')];
      const at = links.indexOf(document.activeElement);
      if (at < 0) return;
      const to = at + (ev.key === 'ArrowDown' ? 1 : -1);
      if (to >= 0 && to < links.length) { ev.preventDefault(); links[to].focus(); }
    });
    input.focus();
    if (input.value) run();
  }

  window.gazetteSearch = { tokens, normalize, search };
  start();
})();
