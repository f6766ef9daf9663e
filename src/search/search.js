/* congkhai search: reads the static index written by src/search/mod.rs (formats there).
   No dependencies, no build step. Enhances the search page's form; without this script the
   page still shows the form and the browse links. Fetches meta.json, then only the shards
   that hold the query's words, then one small file per shown result. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.getElementById("search-results");
  var form = document.getElementById("search-form");
  var status = root && root.querySelector("[role=status]");
  var input = form && form.querySelector("input[name=q]");
  if (!script || !status || !input || !window.fetch || !window.Map || !"".normalize) { return; }
  root.hidden = false;
  var base = new URL(".", script.src);
  var PAGE = 10;
  // Each word may fetch one shard (at most ~30 KB gzip on a 10,000-page site): eight words
  // keep a first search well under 300 KB, even for a pasted sentence.
  var MAX_WORDS = 8;
  var ds = root.dataset;
  function t(key, n, q) {
    return (ds[key] || "").replace("{n}", n).replace("{q}", q);
  }

  var DIGIT = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { DIGIT[c] = i; });

  // Same folding as the index (deunicode): no tone marks, đ -> d, lower case.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐðÐ]/g, "d").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(function (w) { return w; });
  }
  function fnv(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  var cache = {};
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  var meta = null;
  function loadMeta() {
    return get("meta.json").then(function (m) { meta = m; return m; });
  }

  // term -> Map(doc id -> score digit)
  function postings(term) {
    var shard = fnv(term) % meta.shards;
    return get("index/" + shard + ".json?v=" + meta.v).then(function (idx) {
      var s = Object.prototype.hasOwnProperty.call(idx, term) ? idx[term] : "";
      var out = new Map(), i = 0, id = 0;
      while (i < s.length) {
        var v = 0, mul = 1, d;
        do { d = DIGIT[s[i++]]; v += (d & 31) * mul; mul *= 32; } while (d & 32);
        id += v;
        out.set(id, DIGIT[s[i++]]);
      }
      return out;
    });
  }

  var TF = [0, 1, 1.6, 2.2, 2.8, 3.4, 4, 4.6];
  function weight(d) { return (d & 16 ? 10 : 0) + (d & 8 ? 4 : 0) + TF[d & 7]; }

  // All words must match; if none do, any word may (and the results say so).
  function rank(lists) {
    var n = meta.docs;
    function score(all) {
      var acc = new Map();
      lists.forEach(function (l, k) {
        var idf = Math.log(1 + n / (l.size || 1));
        l.forEach(function (d, id) {
          if (all && k > 0 && !acc.has(id)) { return; }
          acc.set(id, (acc.get(id) || 0) + idf * weight(d) + (all ? 0 : 1000));
        });
        if (all && k > 0) {
          acc.forEach(function (_, id) { if (!l.has(id)) { acc.delete(id); } });
        }
      });
      return Array.from(acc).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).map(function (e) { return e[0]; });
    }
    var ids = score(true);
    if (ids.length || lists.length < 2) { return { ids: ids, some: false }; }
    return { ids: score(false), some: true };
  }

  function sectionOf(id) {
    for (var i = 0; i < meta.sections.length; i++) {
      var s = meta.sections[i];
      if (id >= s.start && id < s.end) { return s; }
    }
    return null;
  }

  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // About 30 words of the original text around the first query word, with the words marked.
  function excerpt(text, terms) {
    var toks = [], re = /\S+/g, m;
    while ((m = re.exec(text))) { toks.push(m[0]); }
    if (!toks.length) { return ""; }
    var hit = function (tok) {
      return words(tok).some(function (w) { return terms.indexOf(w) >= 0; });
    };
    var first = 0;
    for (var i = 0; i < toks.length; i++) { if (hit(toks[i])) { first = i; break; } }
    var from = Math.max(0, first - 10), to = Math.min(toks.length, from + 30);
    var html = toks.slice(from, to).map(function (tok) {
      return hit(tok) ? "<mark>" + esc(tok) + "</mark>" : esc(tok);
    }).join(" ");
    return (from > 0 ? "… " : "") + html + (to < toks.length ? " …" : "");
  }

  var state = { q: "", section: "", ids: [], terms: [], some: false, shown: 0 };

  function setUrl() {
    var p = new URLSearchParams();
    if (state.q) { p.set("q", state.q); }
    if (state.section) { p.set("section", state.section); }
    var qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function filtered() {
    if (!state.section) { return state.ids; }
    var s = meta.sections.filter(function (x) { return x.id === state.section; })[0];
    if (!s) { return state.ids; }
    return state.ids.filter(function (id) { return id >= s.start && id < s.end; });
  }

  var filters = document.createElement("fieldset");
  filters.className = "search-filter";
  var list = document.createElement("ol");
  list.className = "item-list search-list";
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = t("more");
  root.appendChild(filters);
  root.appendChild(list);
  root.appendChild(more);
  filters.hidden = true;
  more.hidden = true;

  function renderFilters() {
    var counts = {};
    state.ids.forEach(function (id) { var s = sectionOf(id); if (s) { counts[s.id] = (counts[s.id] || 0) + 1; } });
    var opts = [{ id: "", name: t("all"), n: state.ids.length }];
    meta.sections.forEach(function (s) { if (counts[s.id]) { opts.push({ id: s.id, name: s.name, n: counts[s.id] }); } });
    if (state.section && !counts[state.section]) { state.section = ""; }
    filters.innerHTML = "<legend>" + esc(t("filter")) + "</legend>" + opts.map(function (o) {
      return '<label><input type="radio" name="section" value="' + esc(o.id) + '"' +
        (o.id === state.section ? " checked" : "") + "> " + esc(o.name) + " (" + o.n + ")</label>";
    }).join(" ");
    filters.hidden = opts.length < 3;
  }

  function item(id, f) {
    var s = sectionOf(id);
    var li = document.createElement("li");
    li.innerHTML = '<a href="' + esc(f.u) + '">' + esc(f.t) + "</a>" +
      '<br><span class="meta">' + esc(s ? s.name : "") +
      (f.d ? ' · <time datetime="' + esc(f.i) + '">' + esc(f.d) + "</time>" : "") +
      (f.m ? " · " + esc(f.m) : "") + "</span>" +
      (f.x ? '<br><span class="excerpt">' + excerpt(f.x, state.terms) + "</span>" : "");
    return li;
  }

  function showMore() {
    var ids = filtered().slice(state.shown, state.shown + PAGE);
    state.shown += ids.length;
    more.hidden = state.shown >= filtered().length;
    return Promise.all(ids.map(function (id) {
      return get("doc/" + id + ".json?v=" + meta.v).then(function (f) { return item(id, f); }, function () { return null; });
    })).then(function (items) {
      items.forEach(function (li) { if (li) { list.appendChild(li); } });
    });
  }

  function render() {
    list.innerHTML = "";
    state.shown = 0;
    renderFilters();
    var n = filtered().length;
    status.textContent = n ? t(state.some ? "some" : "found", n, state.q) : t("none", n, state.q);
    return showMore();
  }

  var run = 0;
  function search(q) {
    state.q = q.trim();
    state.terms = words(state.q).filter(function (w, i, a) { return a.indexOf(w) === i; }).slice(0, MAX_WORDS);
    setUrl();
    var mine = ++run;
    if (!state.terms.length) {
      state.ids = [];
      list.innerHTML = "";
      filters.hidden = true;
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = t("loading");
    return loadMeta().then(function () {
      return Promise.all(state.terms.map(postings));
    }).then(function (lists) {
      if (mine !== run) { return; }
      var r = rank(lists);
      state.ids = r.ids;
      state.some = r.some;
      return render();
    }).catch(function () {
      if (mine === run) { status.textContent = t("error"); }
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search(input.value);
  });
  filters.addEventListener("change", function (e) {
    if (e.target.name !== "section") { return; }
    state.section = e.target.value;
    setUrl();
    render();
  });
  more.addEventListener("click", function () {
    var first = state.shown;
    showMore().then(function () {
      var a = list.children[first] && list.children[first].querySelector("a");
      if (a) { a.focus(); }
    });
  });

  var params = new URLSearchParams(location.search);
  state.section = params.get("section") || "";
  var q0 = params.get("q") || "";
  input.value = q0;
  if (q0) { search(q0); }
})();
