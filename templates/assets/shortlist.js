/* Etalase shortlist: products a buyer keeps in this browser, and one inquiry per maker.
 *
 * - Every product card and product page has a hidden <button data-sl-id="produk/<ikm>/<product>/">
 *   (templates/partials/shortlist.j2). This script shows it, sets aria-pressed from the stored list
 *   and adds or removes the product when pressed.
 * - What the list shows of a product (name, MOQ and price in every language, the maker's name,
 *   WhatsApp number and e-mail, the thumbnail) is in its maker's file daftar/<ikm>.json at the site
 *   root (render/shortlist.py). The script reads it when a product is added (the product is listed
 *   at once, its data follows) and each time the list page is shown, so the list shows the
 *   catalogue as it is now; a file that cannot be read leaves the stored data as it was.
 * - The header link [data-sl-badge] (templates/overrides/partials/header.html) shows how many are
 *   listed, once the list holds something.
 * - The list page (daftar/, [data-shortlist], templates/pages/shortlist.md.j2) groups the products
 *   by maker, with a quantity per product (the MOQ at first), a WhatsApp link and a mailto: link per
 *   maker whose message names each product, its quantity and its page, a CSV download and print.
 *   Once it has read the makers' files it marks itself data-sl-ready.
 *
 * The list is kept in localStorage under one key per site (the site root's path, so two sites on
 * one origin, such as GitHub Pages project sites, keep their own lists), shared by both languages:
 * each product keeps its data in every language and the list, its messages and its CSV show the
 * page's language. Stored and fetched data is checked on every read; every text is written with
 * textContent and every link is built here from checked parts (wa.me digits, an e-mail address,
 * same-origin URLs). All UI text comes from the page (data-strings): this file holds no language.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script) return;

  const root = new URL("../", script.src);
  const KEY = `etalase-shortlist:${root.pathname}`;
  const VERSION = 1;
  const MAX_ITEMS = 500;
  const MAX_QUANTITY = 10_000_000;
  const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
  const ID = new RegExp(`^produk/${SLUG}/${SLUG}/$`);
  const MAKER = new RegExp(`^${SLUG}$`);
  const WA = /^[1-9][0-9]{7,14}$/;
  const EMAIL = /^[^@\s<>"'?#&%/\\]+@[^@\s<>"'?#&%/\\]+\.[A-Za-z]{2,}$/;
  const UNIT = /^[a-z]{1,20}$/;
  const pageLang = document.documentElement.lang || "id";

  // --- the stored list ------------------------------------------------------------------------

  let memory = null; // the list when localStorage cannot be used (this page only)

  const text = (value, max = 300) => (typeof value === "string" ? value.slice(0, max) : "");
  const count = (value, fallback) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY ? n : fallback;
  };
  const sameOrigin = (value) => {
    try {
      const url = new URL(text(value, 2000), window.location.href);
      return url.origin === window.location.origin && /^https?:$/.test(url.protocol) ? url.href : "";
    } catch {
      return "";
    }
  };

  /** Return one language's product data with every field checked, or null when it is unusable. */
  function checkData(raw) {
    if (!raw || typeof raw !== "object") return null;
    const data = {
      name: text(raw.name),
      maker: text(raw.maker, 100),
      makerName: text(raw.makerName),
      wa: WA.test(raw.wa) ? raw.wa : "",
      email: typeof raw.email === "string" && raw.email.length <= 200 && EMAIL.test(raw.email) ? raw.email : "",
      moq: count(raw.moq, 1),
      unit: UNIT.test(raw.unit) ? raw.unit : "pcs",
      moqText: text(raw.moqText, 100),
      price: text(raw.price, 100),
      url: sameOrigin(raw.url),
      thumb: raw.thumb ? sameOrigin(raw.thumb) : "",
    };
    return data.name && MAKER.test(data.maker) ? data : null;
  }

  /** Return the stored list as {v, items: [{id, qty, data: {lang: data}}]}, checked. */
  function load() {
    let raw = memory;
    if (raw === null) {
      try {
        raw = JSON.parse(window.localStorage.getItem(KEY) || "null");
      } catch {
        raw = null;
      }
    }
    const items = [];
    const seen = new Set();
    for (const item of (raw && raw.v === VERSION && Array.isArray(raw.items) ? raw.items : []).slice(0, MAX_ITEMS)) {
      if (!item || typeof item.id !== "string" || !ID.test(item.id) || seen.has(item.id)) continue;
      const data = {};
      for (const [lang, value] of Object.entries(item.data || {})) {
        const checked = /^[a-z]{2,3}$/.test(lang) ? checkData(value) : null;
        if (checked) data[lang] = checked;
      }
      const pending = !Object.keys(data).length;
      if (pending && item.pending !== true) continue;
      seen.add(item.id);
      items.push(pending ? { id: item.id, qty: count(item.qty, 0), data, pending } : { id: item.id, qty: count(item.qty, 1), data });
    }
    return { v: VERSION, items };
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      memory = null;
    } catch {
      memory = state; // storage full or blocked: keep the list for this page
    }
  }

  let state = load();
  const find = (id) => state.items.find((item) => item.id === id);
  const makerOf = (id) => id.split("/")[1];
  /** Return an item's data in ``lang``, else in any language it was saved in; for a product whose
   *  maker's file was not read yet, what its address tells (its page and maker). */
  const dataOf = (item, lang = pageLang) =>
    item.data[lang] ||
    Object.values(item.data)[0] || {
      name: item.id,
      maker: makerOf(item.id),
      makerName: makerOf(item.id),
      wa: "",
      email: "",
      moq: 1,
      unit: "pcs",
      moqText: "",
      price: "",
      url: "",
      thumb: "",
    };

  // --- the makers' files ------------------------------------------------------------------------

  const files = new Map(); // maker → the promise of its file (null when it cannot be read), once a page

  function makerFile(maker) {
    if (!files.has(maker)) {
      const url = new URL(`daftar/${maker}.json`, root);
      const read = fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
      files.set(maker, read);
    }
    return files.get(maker);
  }

  /** Return product ``id``'s data in every language its maker's ``file`` has: {lang: data}, checked, or null. */
  function fromFile(file, id) {
    if (!file || typeof file !== "object" || file.v !== 1 || !file.products || typeof file.products !== "object") return null;
    const product = Object.prototype.hasOwnProperty.call(file.products, id) ? file.products[id] : null;
    if (!product || typeof product !== "object" || !product.text || typeof product.text !== "object") return null;
    let thumb = "";
    try {
      thumb = product.thumb ? new URL(text(product.thumb, 500), root).href : "";
    } catch {
      thumb = "";
    }
    const result = {};
    for (const [lang, texts] of Object.entries(product.text)) {
      const prefix = file.langs && typeof file.langs === "object" ? file.langs[lang] : null;
      if (!/^[a-z]{2,3}$/.test(lang) || typeof prefix !== "string" || !/^([a-z]{2,3}\/)?$/.test(prefix)) continue;
      if (!texts || typeof texts !== "object") continue;
      const checked = checkData({
        name: texts.name,
        maker: makerOf(id),
        makerName: file.name,
        wa: file.wa,
        email: file.email || "",
        moq: product.moq,
        unit: product.unit,
        moqText: texts.moqText,
        price: texts.price,
        url: new URL(prefix + id, root).href,
        thumb,
      });
      if (checked) result[lang] = checked;
    }
    return Object.keys(result).length ? result : null;
  }

  /** Read the makers' files of the listed products (those of ``ids``, else all) and store what
   *  they say: each product's data in every language, and its MOQ as the quantity of a product
   *  just added. Return whether the stored list changed. */
  async function complete(ids = null) {
    const wanted = ids === null ? state.items.map((item) => item.id) : ids;
    const makers = [...new Set(wanted.map(makerOf))];
    const read = new Map(await Promise.all(makers.map(async (maker) => [maker, await makerFile(maker)])));
    state = load(); // as stored now: another tab, or a click meanwhile, may have changed it
    let changed = false;
    for (const item of state.items) {
      const data = wanted.includes(item.id) ? fromFile(read.get(makerOf(item.id)), item.id) : null;
      if (!data) continue;
      const fresh = { ...item.data, ...data };
      const qty = item.qty || (data[pageLang] || Object.values(data)[0]).moq;
      if (item.pending || qty !== item.qty || JSON.stringify(fresh) !== JSON.stringify(item.data)) {
        item.data = fresh;
        item.qty = qty;
        delete item.pending;
        changed = true;
      }
    }
    if (changed) save(state);
    return changed;
  }

  // --- buttons and the header badge ------------------------------------------------------------

  const buttons = () => [...document.querySelectorAll("button[data-sl-id]")];

  function toggle(button) {
    const id = button.dataset.slId;
    if (!ID.test(id)) return;
    state = load();
    if (find(id)) {
      state.items = state.items.filter((item) => item.id !== id);
    } else if (state.items.length < MAX_ITEMS) {
      state.items.push({ id, qty: 0, data: {}, pending: true }); // listed now, its data follows
      complete([id]).then((changed) => changed && refresh());
    }
    save(state);
    refresh();
  }

  function syncButtons() {
    for (const button of buttons()) {
      button.hidden = false;
      button.setAttribute("aria-pressed", find(button.dataset.slId) ? "true" : "false");
    }
  }

  function syncBadge() {
    // Shown once something is listed (the moment a buyer learns of the list): the phone header has
    // no room to spare for an empty list's link.
    for (const badge of document.querySelectorAll("[data-sl-badge]")) {
      badge.hidden = !state.items.length;
      const number = badge.querySelector("[data-sl-count]");
      if (number) {
        number.textContent = String(state.items.length);
        number.hidden = !state.items.length;
      }
    }
  }

  for (const button of buttons()) button.addEventListener("click", () => toggle(button));

  // --- the list page ---------------------------------------------------------------------------

  const page = document.querySelector("[data-shortlist]");
  let strings = {};
  let home = root;
  let numbers = new Intl.NumberFormat();
  if (page) {
    try {
      strings = JSON.parse(page.dataset.strings || "{}");
    } catch {
      strings = {};
    }
    home = new URL(page.dataset.home || "./", window.location.href);
    try {
      numbers = new Intl.NumberFormat(strings.locale || pageLang);
    } catch {
      numbers = new Intl.NumberFormat();
    }
  }
  const fill = (template, values) =>
    (template || "").replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
  const plural = (key, n) => fill(strings[`${key}_${n === 1 ? "one" : "other"}`], { count: numbers.format(n) });
  const make = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  };

  /** Return the unit's name for ``qty`` in the page language (the stored code when unknown). */
  function unitName(unit, qty) {
    const names = (strings.units || {})[unit];
    return names ? (qty === 1 ? names.one : names.other) : unit;
  }

  /** Return ``qty`` with its unit, and pieces for lusin and kodi: ``5 lusin (60 pcs)``. */
  function quantityText(qty, unit) {
    const names = (strings.units || {})[unit];
    let result = `${numbers.format(qty)} ${unitName(unit, qty)}`;
    if (names && names.pieces) result += ` ${fill(strings.pieces, { count: numbers.format(qty * names.pieces) })}`;
    return result;
  }

  const productUrl = (item) => new URL(item.id, home).href;

  /** Return the message to one maker about ``items`` (all of that maker's listed products). */
  function message(makerName, items) {
    const lines = items.map((item, index) =>
      fill(strings.message_line, {
        number: index + 1,
        product: dataOf(item).name,
        quantity: quantityText(item.qty, dataOf(item).unit),
        url: productUrl(item),
      }),
    );
    const opening = `${fill(strings.message_greeting, { maker: makerName })} ${fill(strings.message_intro, { site: strings.site || "" })}`;
    return [opening, lines.join("\n\n"), fill(strings.message_close, {})].join("\n\n");
  }

  const whatsappHref = (wa, body) => `https://wa.me/${wa}?text=${encodeURIComponent(body)}`;
  const mailHref = (email, body) =>
    `mailto:${encodeURIComponent(email).replace("%40", "@")}?subject=${encodeURIComponent(
      fill(strings.email_subject, { site: strings.site || "" }),
    )}&body=${encodeURIComponent(body)}`;

  /** Return the listed items grouped by maker, in the order the makers were first added. */
  function byMaker() {
    const groups = new Map();
    for (const item of state.items) {
      const maker = dataOf(item).maker;
      if (!groups.has(maker)) groups.set(maker, []);
      groups.get(maker).push(item);
    }
    return [...groups.entries()].map(([maker, items]) => {
      const latest = items.map((item) => dataOf(item)).find((data) => data.wa) || dataOf(items[0]);
      return { maker, items, name: latest.makerName || maker, wa: latest.wa, email: latest.email };
    });
  }

  let live = null;
  const announce = (words) => {
    if (!live) return;
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = words;
    }, 50);
  };

  /** Write a maker's WhatsApp and e-mail links from the current quantities. */
  function updateLinks(section, group) {
    const body = message(group.name, group.items);
    const wa = section.querySelector("[data-sl-wa-link]");
    if (wa) wa.href = whatsappHref(group.wa, body);
    const mail = section.querySelector("[data-sl-mail-link]");
    if (mail) mail.href = mailHref(group.email, body);
  }

  function itemRow(item, section, group) {
    const data = dataOf(item);
    if (!item.qty) item.qty = data.moq; // its maker's file not read yet: the list shows the MOQ it knows
    const row = make("li", "et-sl-item");
    row.dataset.slItem = item.id;
    if (data.thumb) {
      const image = make("img", "et-sl-item__thumb");
      image.src = data.thumb;
      image.alt = "";
      image.width = 96;
      image.height = 72;
      image.loading = "lazy";
      image.decoding = "async";
      row.append(image);
    } else {
      row.append(make("span", "et-sl-item__thumb et-sl-item__thumb--none"));
    }
    const body = make("div", "et-sl-item__body");
    const title = make("p", "et-sl-item__name");
    const link = make("a", "", data.name);
    link.href = productUrl(item);
    title.append(link);
    body.append(title);
    if (data.price) body.append(make("p", "et-sl-item__price", data.price));
    body.append(make("p", "et-sl-item__moq", fill(strings.moq, { moq: data.moqText || quantityText(data.moq, data.unit) })));
    body.append(make("p", "et-sl-item__url", productUrl(item)));
    row.append(body);

    const amount = make("div", "et-sl-item__qty");
    const inputId = `et-sl-q-${item.id.replace(/[^a-z0-9]+/g, "-")}`;
    const label = make("label", "et-sl-item__label", strings.quantity);
    label.htmlFor = inputId;
    const field = make("span", "et-sl-item__field");
    const input = make("input", "et-sl-item__input");
    Object.assign(input, { id: inputId, type: "number", min: "1", max: String(MAX_QUANTITY), step: "1", value: String(item.qty) });
    input.inputMode = "numeric";
    const unit = make("span", "et-sl-item__unit", unitName(data.unit, item.qty));
    field.append(input, unit);
    const printed = make("span", "et-sl-item__printed", quantityText(item.qty, data.unit));
    const warning = make("p", "et-sl-item__warning", fill(strings.below_moq, { moq: data.moqText }));
    warning.id = `${inputId}-moq`;
    warning.hidden = item.qty >= data.moq;
    input.setAttribute("aria-describedby", warning.id);
    input.addEventListener("input", () => {
      const qty = count(input.value, 0);
      if (!qty) return;
      item.qty = qty;
      const stored = load();
      const same = stored.items.find((other) => other.id === item.id);
      if (same) {
        same.qty = qty;
        save(stored);
      }
      unit.textContent = unitName(data.unit, qty);
      printed.textContent = quantityText(qty, data.unit);
      warning.hidden = qty >= data.moq;
      updateLinks(section, group);
    });
    input.addEventListener("change", () => {
      if (!count(input.value, 0)) input.value = String(item.qty);
    });
    amount.append(label, field, printed, warning);
    row.append(amount);

    const remove = make("button", "et-sl-item__remove", strings.remove);
    remove.type = "button";
    remove.setAttribute("aria-label", fill(strings.remove_label, { product: data.name }));
    remove.addEventListener("click", () => {
      state = load();
      state.items = state.items.filter((other) => other.id !== item.id);
      save(state);
      refresh();
      announce(fill(strings.removed, { product: data.name }));
      const next = page.querySelector(".et-sl-item__remove") || page.querySelector("[data-sl-empty] a");
      if (next) next.focus();
    });
    row.append(remove);
    return row;
  }

  function makerSection(group) {
    const section = make("section", "et-sl-maker");
    section.dataset.slMaker = group.maker;
    const heading = make("h2", "et-sl-maker__name");
    const link = make("a", "", group.name);
    link.href = new URL(`ikm/${group.maker}/`, home).href;
    heading.append(link, make("span", "et-sl-maker__count", plural("products", group.items.length)));
    section.append(heading);
    const contact = [];
    if (group.wa) contact.push(`${strings.label_whatsapp} +${group.wa}`);
    if (group.email) contact.push(`${strings.label_email} ${group.email}`);
    if (contact.length) section.append(make("p", "et-sl-maker__contact", contact.join(" · ")));
    const list = make("ul", "et-sl-items");
    for (const item of group.items) list.append(itemRow(item, section, group));
    section.append(list);
    const actions = make("p", "et-sl-maker__actions");
    if (group.wa) {
      const wa = make("a", "et-wa et-sl-maker__wa");
      wa.append(make("span", "", strings.whatsapp));
      wa.setAttribute("aria-label", fill(strings.whatsapp_label, { maker: group.name }));
      Object.assign(wa, { rel: "nofollow noopener", target: "_blank" });
      wa.dataset.slWaLink = "";
      actions.append(wa);
    }
    if (group.email) {
      const mail = make("a", "et-button et-button--ghost et-sl-maker__mail", strings.email);
      mail.setAttribute("aria-label", fill(strings.email_label, { maker: group.name }));
      mail.dataset.slMailLink = "";
      actions.append(mail);
    }
    section.append(actions);
    updateLinks(section, group);
    return section;
  }

  function drawList() {
    if (!page) return;
    const groups = byMaker();
    const container = page.querySelector("[data-sl-groups]");
    const summary = page.querySelector("[data-sl-summary]");
    page.querySelector("[data-sl-empty]").hidden = groups.length > 0;
    page.querySelector("[data-sl-tools]").hidden = groups.length === 0;
    summary.hidden = groups.length === 0;
    summary.textContent = groups.length
      ? fill(strings.summary, { products: plural("products", state.items.length), makers: plural("makers", groups.length) })
      : "";
    container.replaceChildren(...groups.map(makerSection));
  }

  /** Return the list as CSV (maker, product, quantity, unit, price, url), quoted for spreadsheets. */
  function csv() {
    const cell = (value) => {
      let s = String(value);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // never a formula in a spreadsheet
      return `"${s.replace(/"/g, '""')}"`;
    };
    const head = [strings.csv_maker, strings.csv_product, strings.csv_quantity, strings.csv_unit, strings.csv_price, strings.csv_url];
    const rows = [head];
    for (const group of byMaker()) {
      for (const item of group.items) {
        const data = dataOf(item);
        rows.push([group.name, data.name, item.qty, unitName(data.unit, item.qty), data.price, productUrl(item)]);
      }
    }
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  function download() {
    const blob = new Blob([`\ufeff${csv()}`], { type: "text/csv;charset=utf-8" });
    const link = make("a");
    link.href = URL.createObjectURL(blob);
    link.download = strings.csv_file || "shortlist.csv";
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 30_000);
  }

  if (page) {
    live = page.querySelector("[data-sl-live]");
    page.querySelector("[data-sl-csv]").addEventListener("click", download);
    page.querySelector("[data-sl-print]").addEventListener("click", () => window.print());
    page.querySelector("[data-sl-clear]").addEventListener("click", () => {
      if (!window.confirm(strings.clear_confirm)) return;
      state = { v: VERSION, items: [] };
      save(state);
      refresh();
      announce(strings.cleared);
      const first = page.querySelector("[data-sl-empty] a");
      if (first) first.focus();
    });
  }

  // --- putting it together ---------------------------------------------------------------------

  function refresh() {
    syncButtons();
    syncBadge();
    drawList();
  }

  refresh();
  if (page) {
    complete().then((changed) => {
      if (changed) refresh();
      page.dataset.slReady = "";
    });
  } else {
    const pending = state.items.filter((item) => item.pending).map((item) => item.id);
    if (pending.length) complete(pending).then((changed) => changed && refresh());
  }
  // Another tab changed the list: show the same list here.
  window.addEventListener("storage", (event) => {
    if (event.key !== KEY) return;
    state = load();
    refresh();
  });
})();
