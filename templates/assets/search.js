/* Etalase search page (cari/): Pagefind's JS API behind a plain GET form.
 *
 * The form (templates/pages/search.md.j2) has the query box `q`, one checkbox per filter value
 * (name = Pagefind filter, value = filter value) and `sort`; the query string holds all of it, so
 * a search can be shared and reloaded. Values of one filter are OR-ed, filters are AND-ed. The
 * count beside each value is how many results that value would give with the other filters.
 *
 * Pagefind is loaded from the site root, found from this script's own URL (<root>/assets/
 * search.js), so the site works under any path prefix: the bundle of the page's language, which
 * the form names in data-bundle (pagefind/ for Indonesian, en/pagefind/ for English; search.py
 * indexes each language on its own). Every text from the index is written with textContent,
 * never as HTML.
 *
 * The same query gives the same results whatever was searched before: Pagefind matches a word
 * against the words of the index chunks it has loaded so far (and, failing that, against the
 * longest loaded word the typed one starts with), so one long-lived instance answers differently
 * once earlier searches have loaded more chunks. Each search therefore runs in a fresh Pagefind
 * instance, which loads only what that query needs (the files come from the browser's cache).
 * A typed word that is no word of the catalogue and starts none is first corrected to the
 * nearest word of the catalogue's word list (data-words, render/searchwords.py): `cardigen`
 * becomes `cardigan` instead of matching "car". Spelling variants and loanwords
 * (catalog/synonyms.yml) are in the index itself.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const form = document.querySelector("form.et-search__form");
  if (!form || !script) return;

  const PAGE_SIZE = 20;
  const SORTS = { "price-asc": { price: "asc" }, "price-desc": { price: "desc" } };
  const root = new URL("../", script.src);
  const strings = JSON.parse(form.dataset.strings || "{}");
  const lang = form.closest("[lang]")?.lang || document.documentElement.lang || "id";
  const numbers = new Intl.NumberFormat(lang === "id" ? "id-ID" : lang);
  const wide = window.matchMedia("(min-width: 60em)");

  const input = form.elements.q;
  const sortSelect = form.elements.sort;
  const details = form.querySelector("[data-filters]");
  const status = form.querySelector("[data-status]");
  const list = form.querySelector("[data-results]");
  const more = form.querySelector("[data-more]");
  const empty = form.querySelector("[data-empty]");
  const hint = form.querySelector("[data-hint]");
  const activeList = form.querySelector("[data-active]");
  const activeCount = form.querySelector("[data-active-count]");
  const groups = [...form.querySelectorAll("fieldset[data-filter]")].map((fieldset) => ({
    name: fieldset.dataset.filter,
    boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
  }));

  const fill = (text, values) => (text || "").replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  const make = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const checked = () => groups.flatMap((group) => group.boxes.filter((box) => box.checked));

  // --- the URL holds the search ------------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    for (const group of groups) {
      const wanted = params.getAll(group.name);
      for (const box of group.boxes) box.checked = wanted.includes(box.value);
    }
    sortSelect.value = SORTS[params.get("sort")] ? params.get("sort") : "";
  }

  function writeUrl() {
    const params = new URLSearchParams();
    const query = input.value.trim();
    if (query) params.set("q", query);
    for (const group of groups) {
      for (const box of group.boxes) if (box.checked) params.append(group.name, box.value);
    }
    if (sortSelect.value) params.set("sort", sortSelect.value);
    const search = params.toString();
    const url = window.location.pathname + (search ? `?${search}` : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  /** Return Pagefind filters of the ticked boxes, leaving out the filter ``except``. */
  function selectedFilters(except) {
    const filters = {};
    for (const group of groups) {
      const values = group.boxes.filter((box) => box.checked).map((box) => box.value);
      if (group.name !== except && values.length) filters[group.name] = { any: values };
    }
    return filters;
  }

  // --- Pagefind ----------------------------------------------------------------------------

  const bundle = new URL(form.dataset.bundle || "pagefind/", root).href;
  let module = null;
  let totals = null;
  let instance = null;

  /** Return a fresh Pagefind instance (the previous one is let go) and the filter totals. */
  async function pagefind() {
    module ||= import(`${bundle}pagefind.js`);
    const api = await module;
    const fresh = api.createInstance({ basePath: bundle });
    await fresh.options({ excerptLength: 24 });
    await fresh.init();
    const counts = await fresh.filters(); // loads the filters, so searches return counts too
    totals ||= counts;
    const old = instance;
    instance = fresh;
    if (old) old.destroy();
    return { api: fresh, totals };
  }

  // --- typed words the catalogue does not have -------------------------------------------------

  let vocabulary = null;
  function words() {
    vocabulary ||= fetch(new URL(form.dataset.words || "words.json", window.location.href))
      .then((response) => (response.ok ? response.json() : { words: [] }))
      .then((data) => {
        const list = Array.isArray(data.words) ? data.words.filter((w) => typeof w === "string") : [];
        return { list, sorted: [...list].sort(), known: new Set(list) };
      })
      .catch(() => ({ list: [], sorted: [], known: new Set() }));
    return vocabulary;
  }

  /** Is ``term`` the start of a word of the catalogue? (binary search in the sorted list) */
  function starts(sorted, term) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < term) low = middle + 1;
      else high = middle;
    }
    return low < sorted.length && sorted[low].startsWith(term);
  }

  /** Return the edit distance of ``a`` and ``b`` (a swap of two letters counts once), or max + 1. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > max) return max + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /** Return ``query`` with each unknown word (4+ letters) replaced by the nearest known word. */
  async function corrected(query) {
    const terms = query.toLocaleLowerCase(lang).split(/\s+/).filter(Boolean);
    if (!terms.some((term) => term.length >= 4)) return query;
    const { list, sorted, known } = await words();
    if (!list.length) return query;
    let changed = false;
    const fixed = terms.map((term) => {
      if (term.length < 4 || /[^\p{L}]/u.test(term) || known.has(term) || starts(sorted, term)) return term;
      const max = term.length >= 8 ? 2 : 1;
      let best = null;
      let bestScore = Infinity;
      list.forEach((word, rank) => {
        const d = distance(term, word, max);
        if (d > max) return;
        const score = d * 1e6 + (word[0] === term[0] ? 0 : 5e5) + rank; // nearest, same first letter, most used
        if (score < bestScore) [best, bestScore] = [word, score];
      });
      if (!best) return term;
      changed = true;
      return best;
    });
    return changed ? fixed.join(" ") : query;
  }

  // --- the page ----------------------------------------------------------------------------

  let generation = 0; // a newer search makes the answers of older ones stale
  let results = [];
  let shown = 0;

  function showActive() {
    const boxes = checked();
    activeList.replaceChildren(
      ...boxes.map((box) => {
        const label = box.closest("label").querySelector(".et-facet__label").textContent;
        const button = make("button", "et-active__chip", label);
        button.type = "button";
        button.setAttribute("aria-label", fill(strings.remove, { filter: label }));
        button.addEventListener("click", () => {
          box.checked = false;
          run();
          (activeList.querySelector("button:not(:focus)") || input).focus();
        });
        const item = make("li");
        item.append(button);
        return item;
      }),
    );
    activeList.hidden = boxes.length === 0;
    activeCount.textContent = boxes.length ? fill(strings.active, { count: numbers.format(boxes.length) }) : "";
    for (const button of form.querySelectorAll("[data-filters] [data-clear]")) button.hidden = boxes.length === 0;
  }

  function showCounts(counts) {
    for (const group of groups) {
      const values = counts[group.name] || {};
      for (const box of group.boxes) {
        const count = values[box.value] || 0;
        const label = box.closest("label");
        label.querySelector("[data-count]").textContent = numbers.format(count);
        label.classList.toggle("et-facet__option--none", count === 0 && !box.checked);
      }
    }
  }

  function excerpt(text) {
    const paragraph = make("p", "et-result__excerpt");
    text.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const marked = /^<mark>(.*)<\/mark>$/.exec(part);
      paragraph.append(marked ? make("mark", "", marked[1]) : document.createTextNode(part));
    });
    return paragraph;
  }

  function resultItem(data) {
    const meta = data.meta || {};
    const item = make("li", "et-result");
    const page = new URL(data.url, window.location.href);
    if (meta.image) {
      const image = make("img", "et-result__img");
      image.src = new URL(meta.image, page).href; // relative image paths are relative to the result's page
      image.alt = "";
      image.width = 480;
      image.height = 360;
      image.loading = "lazy";
      image.decoding = "async";
      item.append(image);
    } else {
      item.append(make("span", "et-result__img et-result__img--none"));
    }
    const body = make("div", "et-result__body");
    const title = make("h2", "et-result__title");
    const link = make("a", "et-result__link", meta.title || data.url);
    link.href = page.href;
    title.append(link);
    body.append(title);
    const kind = meta.kind && meta.kind !== "product" ? strings[`kind_${meta.kind}`] : "";
    if (kind) body.append(make("p", "et-result__kind", kind));
    if (meta.maker) body.append(make("p", "et-result__maker", meta.maker));
    if (meta.price) body.append(make("p", "et-result__price", meta.price));
    else if (data.excerpt) body.append(excerpt(data.excerpt));
    item.append(body);
    return item;
  }

  /** Show the next page of results (or, with ``replace``, the first in place of the old ones). */
  async function showMore(replace = false) {
    const mine = generation;
    const start = replace ? 0 : shown;
    const batch = results.slice(start, start + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return null;
    const items = data.map(resultItem);
    if (replace) list.replaceChildren(...items);
    else list.append(...items);
    shown = start + batch.length;
    more.hidden = shown >= results.length;
    return items[0] || null;
  }

  function clearResults(message) {
    results = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    empty.hidden = true;
    status.textContent = message;
  }

  /** Run the search the form describes; aria-busy on the result list is true while it runs. */
  async function run() {
    const mine = ++generation;
    list.setAttribute("aria-busy", "true");
    try {
      await search(mine);
    } catch (error) {
      if (mine === generation) clearResults(strings.error);
      throw error;
    } finally {
      if (mine === generation) list.setAttribute("aria-busy", "false");
    }
  }

  async function search(mine) {
    writeUrl();
    showActive();
    const typed = input.value.trim();
    const filters = selectedFilters();
    const filtered = Object.keys(filters).length > 0;
    const query = typed ? await corrected(typed) : "";
    const loaded = await pagefind();
    if (mine !== generation) return;
    if (!query && !filtered) {
      showCounts(loaded.totals);
      clearResults(strings.idle);
      return;
    }
    const { api } = loaded;
    const sort = SORTS[sortSelect.value];
    const found = await api.search(query || null, sort ? { filters, sort } : { filters });
    const counts = {};
    for (const group of groups) {
      // A filter in use counts its values as if it were not: values of one filter are OR-ed.
      const others = selectedFilters(group.name);
      let source = found?.filters;
      if (filters[group.name] && !query && !Object.keys(others).length) source = loaded.totals;
      else if (filters[group.name]) source = (await api.search(query || null, { filters: others }))?.filters;
      counts[group.name] = source?.[group.name] || {};
    }
    if (mine !== generation || !found) return;
    showCounts(counts);
    if (found.results.length === 0) {
      clearResults(query ? fill(strings.none, { query: typed }) : strings.none_filtered);
      hint.textContent = filtered ? strings.hint_filters : strings.hint_words;
      empty.querySelector("[data-clear]").hidden = !filtered;
      empty.hidden = false;
      return;
    }
    const plural = found.results.length === 1 ? strings.results_one : strings.results_other;
    const count = fill(plural, { count: numbers.format(found.results.length) });
    results = found.results;
    empty.hidden = true;
    await showMore(true); // the old results stay until the new ones are ready, then the status tells
    if (mine !== generation) return;
    if (!query) status.textContent = count;
    else if (query === typed) status.textContent = fill(strings.results_for, { results: count, query });
    else status.textContent = fill(strings.corrected, { results: count, query, typed });
  }

  // --- events ------------------------------------------------------------------------------

  let typing = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(run, 200);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) run();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typing);
    run();
    if (!wide.matches) {
      details.open = false; // on a phone, "show results" closes the filters and goes to the results
      input.blur();
      status.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  });
  for (const button of form.querySelectorAll("[data-clear]")) {
    button.addEventListener("click", () => {
      for (const box of checked()) box.checked = false;
      run();
      input.focus();
    });
  }
  more.addEventListener("click", async () => {
    const first = await showMore();
    first?.querySelector("a")?.focus();
  });

  readUrl();
  details.open = wide.matches;
  status.textContent = strings.loading;
  if (new URLSearchParams(window.location.search).has("q") && !input.value) input.focus(); // from the header's button
  run();
})();
