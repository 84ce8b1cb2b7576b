/* Etalase add-a-product page (tambah-produk/), part 6 of 6: the page.
 *
 * Loads the two record schemas the site publishes, builds the form in three steps (1. the
 * maker: an IKM of the catalogue, or a new one from the IKM schema; 2. the product from the
 * product schema; 3. send), brings the draft back, keeps it on every change, checks everything
 * when the maker asks for the package (each message at its field, a list of them above the
 * button), and registers the service worker that keeps the page working without a signal.
 * Texts: data-strings; what the schemas cannot say: data-config (render/addproduct.py).
 */
(() => {
  "use strict";

  const NS = window.EtalaseAdd || {};
  const box = document.querySelector("[data-addproduct]");
  const script = document.currentScript;
  if (!box || !script || !NS.schema || !NS.form || !NS.photos || !NS.draft || !NS.send) return;

  const NEW = "__new__";
  const SAVE_DELAY = 400;
  const root = new URL("../../", script.src); // assets/addproduct/page.js → the site root
  let config;
  let strings;
  try {
    config = JSON.parse(box.getAttribute("data-config") || "{}");
    strings = JSON.parse(box.getAttribute("data-strings") || "{}");
  } catch {
    return;
  }
  const ui = strings.ui;
  const lang = config.lang || document.documentElement.lang || "id";
  const { el, message, readText, shape } = NS.schema;
  const { Form } = NS.form;
  const msg = (key, values) => message(strings, key, values);

  const state = { store: null, restoring: true, tried: false, timer: 0, sent: null };
  const parts = {};

  // --- small helpers ------------------------------------------------------------------------------

  /** Return `text` as a slug, as `etalase new` makes one: Kardigan Rajut → kardigan-rajut. */
  function slugify(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "");
  }

  function announce(text) {
    parts.live.textContent = "";
    window.setTimeout(() => (parts.live.textContent = text), 50);
  }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
  }

  async function loadSchema(path) {
    const response = await fetch(new URL(path, root), { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${response.status}`);
    return response.json();
  }

  // --- building the page -----------------------------------------------------------------------------

  function step(title, ...children) {
    const section = el("section", { class: "et-ap-step" });
    section.append(el("h2", {}, title), ...children);
    return section;
  }

  /** Step 1: the maker, from the catalogue's IKMs, or a new one from the IKM schema. */
  function makerStep(ikmForm) {
    const field = el("div", { class: "et-ap-field" });
    const select = el("select", { id: "ap-maker", name: "maker", "aria-describedby": "ap-maker-hint ap-maker-error" });
    select.append(el("option", { value: "" }, ui.choose));
    for (const choice of (config.choices || {}).ikm || []) select.append(el("option", { value: choice.value }, choice.label));
    select.append(el("option", { value: NEW }, ui.maker_new));
    const error = NS.schema.errorBox("ap-maker-error", lang);
    field.append(el("label", { for: "ap-maker", class: "et-ap-label" }, ui.maker_label));
    field.append(el("p", { class: "et-ap-hint", id: "ap-maker-hint" }, ui.maker_hint), select, error);
    const show = (m) => {
      error.show(m);
      select.setAttribute("aria-invalid", m ? "true" : "false");
      field.classList.toggle("et-ap-invalid", Boolean(m));
    };
    parts.maker = { select, error, element: field, show, focusable: () => select };
    parts.ikmForm = ikmForm;
    parts.ikm = null; // built when the maker chooses a new business: most never do, and phones are slow
    const newBox = el("div", { class: "et-ap-new", hidden: true });
    parts.ikmHolder = el("div");
    newBox.append(el("h3", {}, ui.maker_new_title), el("p", { class: "et-ap-hint" }, ui.maker_new_hint), parts.ikmHolder);
    const only = el("input", { type: "checkbox", id: "ap-only" });
    const onlyRow = el("div", { class: "et-ap-field et-ap-flag" });
    onlyRow.append(only, el("label", { for: "ap-only", class: "et-ap-label" }, ui.only_ikm));
    newBox.append(onlyRow);
    parts.newBox = newBox;
    parts.only = only;
    const toggle = () => {
      if (select.value === NEW) newIkm();
      newBox.hidden = select.value !== NEW;
      parts.productStep.hidden = select.value === NEW && only.checked;
    };
    select.addEventListener("change", () => {
      toggle();
      changed();
    });
    only.addEventListener("change", () => {
      toggle();
      changed();
    });
    parts.toggle = toggle;
    return step(ui.step_maker, field, newBox);
  }

  /** Return the new business's form, building it (and bringing its draft back) the first time. */
  function newIkm() {
    if (!parts.ikm) {
      parts.ikm = parts.ikmForm.root();
      parts.ikmHolder.append(parts.ikm.element);
      parts.ikm.restored = state.ikmDraft ? parts.ikm.restore(state.ikmDraft) : Promise.resolve();
    }
    return parts.ikm;
  }

  function sendStep() {
    const summary = el("div", { class: "et-ap-summary", id: "ap-summary", tabindex: "-1", hidden: true });
    const make = el("button", { type: "submit", class: "et-button et-ap-make" }, ui.make);
    const result = el("div", { class: "et-ap-result" });
    const fresh = el("button", { type: "button", class: "et-button et-button--ghost et-ap-fresh", hidden: true }, ui.start_new);
    fresh.addEventListener("click", startNew);
    parts.summary = summary;
    parts.result = result;
    parts.fresh = fresh;
    return step(ui.step_send, el("p", {}, ui.send_intro), summary, make, result, fresh);
  }

  /** The status line (rendered with the page, its height kept): the draft's state, then whether the page works offline. */
  function statusLine(line) {
    const live = el("p", { class: "et-sr", "aria-live": "polite" });
    const offline = el("p", { class: "et-ap-note et-ap-offline", hidden: true }, ui.offline_now);
    parts.live = live;
    parts.offline = offline;
    parts.status = {
      draft: "",
      ready: "",
      set(key, text) {
        this[key] = text;
        line.textContent = [this.draft, this.ready].filter(Boolean).join(" ");
      },
    };
    parts.status.set("draft", "");
    const update = () => (offline.hidden = navigator.onLine !== false);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    update();
    return [offline, live];
  }

  // --- reading and checking ------------------------------------------------------------------------

  /** Return every control that can show a message. */
  function allControls() {
    return [parts.maker, ...(parts.ikm ? parts.ikm.controls() : []), ...parts.product.controls()];
  }

  /** Check a record's slug made from its name (`source`: the control of the name). */
  function slugProblem(schema, slug, source, problems) {
    const slugShape = shape(schema, (schema.properties || {}).slug || {});
    const result = readText(slug, slugShape.branches || [slugShape.node]);
    if (!slug || !("value" in result)) problems.push({ control: source, msg: msg("name_slug") });
  }

  /** Return {records, photos, problems} from the whole form. */
  function collect() {
    const problems = [];
    const maker = parts.maker.select.value;
    const records = {};
    let photos = [];
    if (!maker) problems.push({ control: parts.maker, msg: msg("required") });
    if (maker === NEW) {
      const ikm = newIkm().read();
      problems.push(...ikm.problems);
      records.ikm = { slug: slugify(ikm.value && ikm.value.name), ...(ikm.value || {}) };
      const nameControl = parts.ikm.child("name");
      if (ikm.value && ikm.value.name) {
        slugProblem(parts.schemas.ikm, records.ikm.slug, nameControl, problems);
        const taken = ((config.choices || {}).ikm || []).some((c) => c.value === records.ikm.slug);
        if (taken) problems.push({ control: nameControl, msg: msg("ikm_taken") });
      }
      const logo = parts.ikm.child("logo");
      if (logo && logo.photos) photos = photos.concat(logo.photos());
    }
    if (!(maker === NEW && parts.only.checked)) {
      const product = parts.product.read();
      problems.push(...product.problems);
      const value = product.value || {};
      const ikmSlug = maker === NEW ? records.ikm.slug : maker;
      const name = value.name && value.name.id;
      records.product = { slug: slugify(name), ikm: ikmSlug, ...value };
      const nameControl = parts.product.child("name");
      if (name) slugProblem(parts.schemas.product, records.product.slug, nameControl && nameControl.child("id"), problems);
      const food = parts.product.child("food");
      if (food && (config.food || []).includes(value.category) && !value.food) {
        problems.push({ control: food, msg: msg("food_needed") });
        food.open();
      }
      const pictures = parts.product.child("photos");
      if (pictures && pictures.photos) photos = photos.concat(pictures.photos());
    }
    return { records, photos, problems };
  }

  /** Show each problem at its field (the first per field) and, with `listed`, list them above the button.
   * While the maker types the list stays as it was (rebuilding it under a finger tapping one of its links
   * would move the link away); the next press of the button lists again. */
  function showProblems(problems, listed = true) {
    const first = new Map();
    const inOrder = problems
      .filter((p) => p.control && p.control.element)
      .sort((a, b) => (a.control.element.compareDocumentPosition(b.control.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const p of inOrder) if (!first.has(p.control)) first.set(p.control, p.msg);
    for (const control of allControls()) if (control.show) control.show(first.get(control) || null);
    if (!listed) return;
    const summary = parts.summary;
    summary.replaceChildren();
    if (!first.size) {
      summary.hidden = true;
      return;
    }
    summary.append(el("p", { class: "et-ap-summary__title" }, fill(ui.problems, { count: first.size })));
    const list = el("ul");
    for (const [control, m] of first) {
      const target = control.focusable && control.focusable();
      const item = el("li");
      const spec = control.spec || { label: ui.maker_label };
      const name = spec.context ? `${spec.context} — ${spec.label}` : spec.label;
      const link = el("a", { href: target && target.id ? `#${target.id}` : "#ap-maker" }, `${name}: ${m[lang]}`);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        if (target) {
          for (let node = target.parentElement; node; node = node.parentElement) if (node.tagName === "DETAILS") node.open = true;
          target.focus();
        }
      });
      item.append(link);
      list.append(item);
    }
    summary.append(list);
    summary.hidden = false;
  }

  async function submit(event) {
    event.preventDefault();
    state.tried = true;
    const { records, photos, problems } = collect();
    showProblems(problems);
    parts.result.replaceChildren();
    if (problems.length) {
      parts.summary.focus();
      return;
    }
    parts.sender.makerName = parts.maker.select.selectedOptions[0] ? parts.maker.select.selectedOptions[0].textContent : "";
    parts.result.append(el("p", { role: "status" }, ui.making));
    const made = await parts.sender.make(records, photos);
    parts.result.replaceChildren(parts.sender.panel(made));
    parts.result.querySelector("h3").focus();
  }

  // --- the draft -------------------------------------------------------------------------------------

  function changed(control) {
    if (state.restoring) return;
    if (state.tried) showProblems(collect().problems, false);
    else if (control && control.input && control.read) {
      const result = control.read();
      control.show(result.problems.length ? result.problems[0].msg : null);
    }
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(save, SAVE_DELAY);
  }

  /** Return the ids of the photos a control's state names (the draft keeps those, and no others). */
  function photoIds(value) {
    return String(JSON.stringify(value ?? null)).match(/"photo":"([^"]+)"/g)?.map((m) => m.slice(9, -1)) || [];
  }

  async function save() {
    if (!state.store || state.restoring) return;
    const draft = {
      version: 1,
      saved: new Date().toISOString(),
      maker: parts.maker.select.value,
      only: parts.only.checked,
      ikm: parts.ikm ? parts.ikm.state() : state.ikmDraft,
      product: parts.product.state(),
      sent: state.sent,
    };
    try {
      await state.store.save(draft);
      await NS.draft.tidy(state.store, [...photoIds(draft.ikm), ...photoIds(draft.product)]);
      parts.status.set("draft", fill(state.store.lasting ? ui.draft_saved : ui.draft_memory, { time: clock(draft.saved) }));
    } catch {
      parts.status.set("draft", ui.draft_failed);
    }
  }

  const clock = (iso) => new Date(iso).toLocaleTimeString(strings.locales[lang] || lang, { hour: "2-digit", minute: "2-digit" });

  async function restore() {
    let draft = null;
    try {
      draft = await state.store.load();
    } catch {
      draft = null;
    }
    if (draft && typeof draft === "object" && draft.version === 1) {
      const maker = String(draft.maker || "");
      if ([...parts.maker.select.options].some((o) => o.value === maker)) parts.maker.select.value = maker;
      parts.only.checked = draft.only === true;
      state.ikmDraft = draft.ikm;
      if (maker === NEW) await newIkm().restored;
      await parts.product.restore(draft.product);
      if (draft.sent && typeof draft.sent === "object") markSent(draft.sent);
      parts.status.set("draft", fill(ui.draft_restored, { time: clock(draft.saved || new Date().toISOString()) }));
    } else if (!state.store.lasting) {
      parts.status.set("draft", ui.draft_memory_only);
    }
    parts.toggle();
    state.restoring = false;
  }

  function markSent(sent) {
    state.sent = { at: String(sent.at || new Date().toISOString()), how: String(sent.how || "") };
    parts.fresh.hidden = false;
  }

  /** Start the next product: the product's fields and photos go, the maker's stay (step 1 as it was). */
  async function startNew() {
    if (!window.confirm(ui.start_new_confirm)) return;
    for (const photo of parts.product.controls().flatMap((c) => (c.photos ? c.photos() : []))) parts.ctx.photos.forget(photo);
    const fresh = new Form(parts.ctx, parts.schemas.product, "product").root();
    parts.product.element.replaceWith(fresh.element);
    parts.product = fresh;
    parts.result.replaceChildren();
    parts.summary.hidden = true;
    parts.fresh.hidden = true;
    parts.only.checked = false;
    state.sent = null;
    state.tried = false;
    parts.toggle();
    await save();
    announce(ui.started_new);
    parts.productStep.querySelector("h2").focus();
  }

  // --- start -----------------------------------------------------------------------------------------

  async function main() {
    const line = box.querySelector("[data-ap-status]");
    if (!line) return;
    let schemas;
    try {
      const [product, ikm] = await Promise.all([loadSchema(config.schemas.product), loadSchema(config.schemas.ikm)]);
      schemas = { product, ikm };
    } catch {
      line.textContent = ui.load_failed;
      return;
    }
    state.store = await NS.draft.open(root.pathname);
    const ctx = { lang, strings, config, onChange: (control) => changed(control) };
    ctx.photos = new NS.photos.Photos({ strings, config, store: state.store, message: msg, announce, changed: () => changed() });
    parts.ctx = ctx;
    parts.schemas = schemas;
    const ikmForm = new Form(ctx, schemas.ikm, "ikm");
    parts.product = new Form(ctx, schemas.product, "product").root();
    parts.sender = new NS.send.Sender({
      strings,
      config,
      lang,
      onSent: (made, how) => {
        markSent({ at: new Date().toISOString(), how });
        save();
      },
    });
    const form = el("form", { class: "et-ap-form", novalidate: true });
    const makerSection = makerStep(ikmForm);
    parts.productStep = step(ui.step_product, el("p", { class: "et-ap-hint" }, ui.product_hint), parts.product.element);
    parts.productStep.querySelector("h2").setAttribute("tabindex", "-1");
    form.append(makerSection, parts.productStep, sendStep());
    form.addEventListener("submit", submit);
    line.before(...statusLine(line));
    box.append(form);
    await restore();
    registerWorker();
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator) || !config.serviceWorker) return;
    navigator.serviceWorker
      .register(config.serviceWorker, { scope: "./" })
      .then(() => navigator.serviceWorker.ready)
      .then(() => {
        box.setAttribute("data-ap-offline-ready", "");
        parts.status.set("ready", ui.offline_ready);
      })
      .catch(() => {});
  }

  main();
})();
