/* Etalase add-a-product page (tambah-produk/), part 2 of 6: the form's controls, built from a JSON Schema.
 *
 * `Form` walks a record schema (schema.js reads it) and makes one control per field: a text,
 * number, date or choice field, a yes/no box, a list of short values, a block (a fieldset, or a
 * <details> when it may be left out), a list of blocks, photos. Each control keeps its raw state
 * for the draft (state / restore), reads itself into a record with its problems (read), and shows
 * a message at itself (show). The photo control is in photos.js. Every text is written with textContent.
 */
(() => {
  "use strict";

  const NS = (window.EtalaseAdd = window.EtalaseAdd || {});
  const { message, label, shape, readText, example, shown, el, errorBox, LONG_TEXT } = NS.schema;
  let uid = 0;

  /** Return the properties of an object node in form order: required ones as the schema lists them, then the rest. */
  function properties(node) {
    const props = node.properties || {};
    const required = (node.required || []).filter((k) => k in props);
    return [...required, ...Object.keys(props).filter((k) => !required.includes(k))];
  }

  /** Return the input attributes that suit a field's example: the phone's number, phone or e-mail keyboard. */
  function keyboard(branches, hint) {
    if (branches.every((b) => b.type === "integer")) return { inputmode: "numeric" };
    if (branches.every((b) => b.type === "number" || b.type === "integer")) return { inputmode: "decimal" };
    if (branches.some((b) => (b.type === "string" || b.type === undefined) && !b.pattern)) return {}; // free text
    const ex = shown(hint);
    if (/^\+?[\d\s-]{6,}$/.test(ex)) return { inputmode: "tel" };
    if (/^[\d.]+$/.test(ex) && ex.includes(".")) return { inputmode: "decimal" };
    if (/^[^@\s]+@[^@\s]+$/.test(ex)) return { inputmode: "email", autocapitalize: "off" };
    if (/^https?:\/\//.test(ex)) return { inputmode: "url", autocapitalize: "off" };
    return {};
  }

  class Form {
    /** A form for one schema: `ctx` = {lang, strings, config, onChange, photos}. */
    constructor(ctx, schema, kind) {
      this.ctx = ctx;
      this.schema = schema;
      this.kind = kind;
      this.auto = new Set((ctx.config.auto || {})[kind] || []);
    }

    /** Return the control of property `key` of an object node (or null for a field the page fills). */
    control(key, raw, path, required, parentShape, context = "") {
      if (parentShape === null && this.auto.has(key)) return null;
      const s = shape(this.schema, raw);
      const named = label(s.node, key, this.ctx.lang);
      const spec = {
        key,
        path,
        id: `ap-${this.kind}-${path.join("-")}-${(uid += 1)}`,
        label: named.label,
        hint: named.hint,
        context,
        required: required && !s.nullable,
        shape: s,
        choices: (this.ctx.config.choices || {})[key],
        names: (this.ctx.config.labels || {})[s.node.defName] || (this.ctx.config.labels || {})[key],
      };
      const photos = NS.photos.PhotosControl; // photos.js, loaded after this file
      const make = { object: ObjectControl, list: ListControl, photos, photo: photos };
      const Type = make[s.kind] || (s.kind === "values" ? ValuesControl : s.kind === "flag" ? FlagControl : FieldControl);
      return new Type(this, spec);
    }

    /** Return the whole record's control (its top object). */
    root() {
      const spec = { key: this.kind, path: [], id: `ap-${this.kind}`, label: "", required: true, top: true };
      spec.shape = { kind: "object", node: this.schema };
      return new ObjectControl(this, spec);
    }

    msg(key, values) {
      return message(this.ctx.strings, key, values);
    }
  }

  class Control {
    constructor(form, spec) {
      this.form = form;
      this.spec = spec;
      this.node = spec.shape.node;
      this.error = errorBox(`${spec.id}-error`, form.ctx.lang);
    }

    show(msg) {
      this.error.show(msg);
      const target = this.focusable();
      if (target) {
        target.setAttribute("aria-invalid", msg ? "true" : "false");
      }
      this.element.classList.toggle("et-ap-invalid", Boolean(msg));
    }

    focusable() {
      return null;
    }

    changed() {
      this.form.ctx.onChange(this);
    }

    /** Append the label, the hint and the message box, and tie them to `input`. */
    labelled(wrapper, input, hintText) {
      const label = el("label", { for: this.spec.id, class: "et-ap-label" }, this.spec.label);
      if (!this.spec.required) label.append(" ", el("span", { class: "et-ap-optional" }, this.form.ctx.strings.ui.optional));
      wrapper.append(label);
      const described = [this.error.id];
      if (hintText) {
        const hint = el("p", { class: "et-ap-hint", id: `${this.spec.id}-hint` }, hintText);
        wrapper.append(hint);
        described.unshift(hint.id);
      }
      input.setAttribute("aria-describedby", described.join(" "));
      wrapper.append(input, this.error);
    }
  }

  /** One value typed or chosen: a text, number, date or enum field. */
  class FieldControl extends Control {
    constructor(form, spec) {
      super(form, spec);
      const { node } = spec.shape;
      const ui = form.ctx.strings.ui;
      const ex = example(node);
      this.element = el("div", { class: "et-ap-field" });
      const enumValues = spec.shape.kind === "choice" ? node.enum : null;
      const choices = enumValues ? enumValues.map((v) => ({ value: String(v), label: (spec.names || {})[v] || String(v) })) : spec.choices;
      if (choices) {
        this.input = el("select", { id: spec.id, name: spec.path.join(".") });
        this.input.append(el("option", { value: "" }, ui.choose));
        for (const choice of choices) this.input.append(el("option", { value: choice.value }, choice.label));
        this.labelled(this.element, this.input);
      } else if (spec.shape.kind === "date") {
        this.input = el("input", { id: spec.id, name: spec.path.join("."), type: "date" });
        this.labelled(this.element, this.input);
      } else {
        const branches = spec.shape.branches;
        const long = branches.some((b) => b.maxLength > LONG_TEXT);
        const attrs = { id: spec.id, name: spec.path.join("."), autocomplete: "off", ...keyboard(branches, ex) };
        if (long) this.input = el("textarea", { ...attrs, rows: 4 });
        else this.input = el("input", { ...attrs, type: "text", enterkeyhint: "next" });
        if (ex !== undefined) this.input.setAttribute("placeholder", `${ui.example} ${shown(ex)}`);
        const written = node.written_as ? String(ui.written).replace("{values}", node.written_as) : "";
        this.labelled(this.element, this.input, [spec.hint, written].filter(Boolean).join(" — "));
      }
      if (node.default !== undefined && node.default !== null && typeof node.default !== "object") {
        this.input.value = String(node.default);
      }
      this.input.addEventListener("input", () => this.changed());
      this.input.addEventListener("change", () => this.changed());
    }

    focusable() {
      return this.input;
    }

    state() {
      return this.input.value;
    }

    restore(value) {
      if (typeof value === "string") this.input.value = value;
    }

    /** Return {empty, value, problems}. */
    read() {
      const text = this.input.value.trim();
      if (!text) return { empty: true, problems: [] };
      const { shape: s } = this.spec;
      if (this.input.tagName === "SELECT" && s.kind !== "choice") return { empty: false, value: text, problems: [] };
      const branches = s.kind === "choice" || s.kind === "date" ? [s.node] : s.branches;
      const result = readText(text, branches, example(s.node));
      if ("value" in result) return { empty: false, value: result.value, problems: [] };
      return { empty: false, problems: [{ control: this, msg: this.form.msg(...result.problem) }] };
    }
  }

  /** A yes / no field. Unticked counts as empty (an optional block of only unticked boxes is left out). */
  class FlagControl extends Control {
    constructor(form, spec) {
      super(form, spec);
      this.element = el("div", { class: "et-ap-field et-ap-flag" });
      this.input = el("input", { id: spec.id, name: spec.path.join("."), type: "checkbox" });
      const label = el("label", { for: spec.id, class: "et-ap-label" }, spec.label);
      this.input.setAttribute("aria-describedby", this.error.id);
      this.element.append(this.input, label, this.error);
      this.input.checked = spec.shape.node.default === true;
      this.input.addEventListener("change", () => this.changed());
    }

    focusable() {
      return this.input;
    }

    state() {
      return this.input.checked;
    }

    restore(value) {
      if (typeof value === "boolean") this.input.checked = value;
    }

    read() {
      return { empty: !this.input.checked, value: this.input.checked, problems: [], flag: true };
    }
  }

  /** A list of short values: ticked boxes when the catalogue knows the choices, else one line split at commas. */
  class ValuesControl extends Control {
    constructor(form, spec) {
      super(form, spec);
      const ui = form.ctx.strings.ui;
      const items = spec.shape.items.node;
      this.element = el("div", { class: "et-ap-field" });
      const fallback = Array.isArray(spec.shape.node.default) ? spec.shape.node.default.map(String) : [];
      if (spec.choices && spec.choices.length) {
        this.boxes = [];
        const group = el("fieldset", { class: "et-ap-checks", "aria-describedby": this.error.id });
        const legend = el("legend", { class: "et-ap-label" }, spec.label);
        if (!spec.required) legend.append(" ", el("span", { class: "et-ap-optional" }, ui.optional));
        group.append(legend);
        for (const choice of spec.choices) {
          const id = `${spec.id}-${choice.value}`;
          const box = el("input", { type: "checkbox", id, value: choice.value, name: spec.path.join(".") });
          box.checked = fallback.includes(choice.value);
          box.addEventListener("change", () => this.changed());
          const row = el("div", { class: "et-ap-check" });
          row.append(box, el("label", { for: id }, choice.label));
          group.append(row);
          this.boxes.push(box);
        }
        group.append(this.error);
        this.element.append(group);
      } else {
        const ex = example(items) ?? (Array.isArray(example(spec.shape.node)) ? example(spec.shape.node).join(", ") : undefined);
        this.input = el("input", { id: spec.id, name: spec.path.join("."), type: "text", autocomplete: "off" });
        if (ex !== undefined) this.input.setAttribute("placeholder", `${ui.example} ${shown(ex)}`);
        this.input.value = fallback.join(", ");
        this.labelled(this.element, this.input, [spec.hint, ui.commas].filter(Boolean).join(" — "));
        this.input.addEventListener("input", () => this.changed());
      }
    }

    focusable() {
      return this.input || (this.boxes && this.boxes[0]) || null;
    }

    state() {
      return this.boxes ? this.boxes.filter((b) => b.checked).map((b) => b.value) : this.input.value;
    }

    restore(value) {
      if (this.boxes && Array.isArray(value)) this.boxes.forEach((b) => (b.checked = value.includes(b.value)));
      else if (!this.boxes && typeof value === "string") this.input.value = value;
    }

    read() {
      const texts = this.boxes
        ? this.boxes.filter((b) => b.checked).map((b) => b.value)
        : this.input.value.split(",").map((t) => t.trim()).filter(Boolean);
      if (!texts.length) return { empty: true, problems: [] };
      const { node, items } = this.spec.shape;
      const values = [];
      for (const [index, text] of texts.entries()) {
        const result = readText(text, items.branches || [items.node], example(items.node));
        if (!("value" in result)) {
          const inner = this.form.msg(...result.problem);
          return { empty: false, problems: [{ control: this, msg: this.form.msg("item", { n: index + 1, text, message: inner }) }] };
        }
        values.push(result.value);
      }
      const count = counted(this.form, node, values.length);
      return { empty: false, value: values, problems: count ? [{ control: this, msg: count }] : [] };
    }
  }

  function counted(form, node, n) {
    if (node.minItems !== undefined && n < node.minItems) return form.msg("min_items", { min: node.minItems });
    if (node.maxItems !== undefined && n > node.maxItems) return form.msg("max_items", { max: node.maxItems, count: n });
    return null;
  }

  /** A block of fields: a fieldset, or, when it may be left out, a <details> that opens on demand. */
  class ObjectControl extends Control {
    constructor(form, spec) {
      super(form, spec);
      const { node } = spec.shape;
      const ui = form.ctx.strings.ui;
      const required = new Set(node.required || []);
      const top = Boolean(spec.top);
      this.children = [];
      for (const key of properties(node)) {
        const child = form.control(
          key,
          node.properties[key],
          [...spec.path, key],
          required.has(key),
          top ? null : spec.shape,
          top ? "" : spec.label || spec.context,
        );
        if (child) this.children.push(child);
      }
      if (top || !spec.label) {
        this.element = el("div", { class: "et-ap-record" });
        this.body = this.element;
      } else if (spec.required) {
        this.element = el("fieldset", { class: "et-ap-group", id: spec.id });
        this.element.append(el("legend", {}, spec.label));
        this.body = this.element;
      } else {
        this.element = el("details", { class: "et-ap-more", id: spec.id });
        const summary = el("summary", {}, spec.label);
        summary.append(" ", el("span", { class: "et-ap-optional" }, ui.optional));
        this.element.append(summary);
        this.body = el("div", { class: "et-ap-more__body" });
        this.element.append(this.body);
      }
      if (spec.hint && !top) this.body.append(el("p", { class: "et-ap-hint" }, spec.hint));
      this.element.append(this.error);
      for (const child of this.children) this.body.append(child.element);
    }

    child(key) {
      return this.children.find((c) => c.spec.key === key) || null;
    }

    open() {
      if (this.element.tagName === "DETAILS") this.element.open = true;
    }

    state() {
      const out = {};
      for (const child of this.children) out[child.spec.key] = child.state();
      return out;
    }

    async restore(value) {
      if (!value || typeof value !== "object" || Array.isArray(value)) return;
      const waits = this.children.filter((c) => c.spec.key in value).map((c) => c.restore(value[c.spec.key]));
      await Promise.all(waits);
      if (this.element.tagName === "DETAILS" && !this.read().empty) this.element.open = true;
    }

    read() {
      const value = {};
      const problems = [];
      let empty = true;
      const missing = [];
      for (const child of this.children) {
        const result = child.read();
        problems.push(...result.problems);
        if (!result.empty) empty = false;
        if (result.empty && child.spec.required && !result.flag) missing.push(child);
        else if (!result.empty || (result.flag && child.spec.required)) value[child.spec.key] = result.value;
      }
      if (empty && !this.spec.required && !this.spec.top) return { empty: true, problems: [] };
      for (const child of missing) {
        const least = child.node && child.node.minItems;
        problems.push({ control: child, msg: least ? this.form.msg("min_items", { min: least }) : this.form.msg("required") });
      }
      return { empty: false, value, problems };
    }

    controls() {
      return [this, ...this.children.flatMap((c) => (c.controls ? c.controls() : [c]))];
    }
  }

  /** A list of blocks (certificates, marketplace shops): each can be added and removed. */
  class ListControl extends Control {
    constructor(form, spec) {
      super(form, spec);
      const ui = form.ctx.strings.ui;
      this.items = [];
      this.element = el("fieldset", { class: "et-ap-group et-ap-list", id: spec.id });
      const legend = el("legend", {}, spec.label);
      if (!spec.required) legend.append(" ", el("span", { class: "et-ap-optional" }, ui.optional));
      const hint = spec.hint ? el("p", { class: "et-ap-hint" }, spec.hint) : "";
      this.list = el("div", { class: "et-ap-list__items" });
      this.add = el("button", { type: "button", class: "et-button et-button--ghost et-ap-add" }, ui.add_item);
      this.add.addEventListener("click", () => {
        const item = this.push();
        const first = item.controls().find((c) => c.focusable());
        if (first) first.focusable().focus();
        this.changed();
      });
      this.element.append(legend, hint, this.list, this.add, this.error);
    }

    push() {
      const ui = this.form.ctx.strings.ui;
      const itemSpec = {
        key: this.spec.key,
        path: [...this.spec.path, this.items.length],
        id: `${this.spec.id}-${(uid += 1)}`,
        label: this.spec.label,
        required: true,
        shape: this.spec.shape.items,
      };
      const item = new ObjectControl(this.form, itemSpec);
      item.element.classList.add("et-ap-item");
      const remove = el("button", { type: "button", class: "et-ap-remove" }, ui.remove_item);
      remove.addEventListener("click", () => {
        this.items = this.items.filter((i) => i !== item);
        item.element.remove();
        this.renumber();
        this.add.focus();
        this.changed();
      });
      item.element.append(remove);
      this.items.push(item);
      this.list.append(item.element);
      this.renumber();
      return item;
    }

    /** Name each block by the list's label and its place: "Sertifikat 2". */
    renumber() {
      this.items.forEach((item, index) => {
        const legend = item.element.querySelector(":scope > legend");
        if (legend) legend.textContent = `${this.spec.label} ${index + 1}`;
      });
      this.add.hidden = this.node.maxItems !== undefined && this.items.length >= this.node.maxItems;
    }

    state() {
      return this.items.map((item) => item.state());
    }

    async restore(value) {
      if (!Array.isArray(value)) return;
      for (const item of this.items) item.element.remove();
      this.items = [];
      const limit = this.node.maxItems || 100;
      await Promise.all(value.slice(0, limit).map((entry) => this.push().restore(entry)));
    }

    read() {
      const values = [];
      const problems = [];
      for (const item of this.items) {
        const result = item.read();
        problems.push(...result.problems);
        if (!result.empty) values.push(result.value);
      }
      if (!values.length) return { empty: true, problems };
      const count = counted(this.form, this.node, values.length);
      if (count) problems.push({ control: this, msg: count });
      return { empty: false, value: values, problems };
    }

    controls() {
      return [this, ...this.items.flatMap((item) => item.controls())];
    }
  }

  NS.form = { Form, Control, ObjectControl, counted, uid: () => (uid += 1) };
})();
