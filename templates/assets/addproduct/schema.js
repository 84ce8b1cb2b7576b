/* Etalase add-a-product page (tambah-produk/), part 1 of 6: reading a JSON Schema and checking values by it.
 *
 * The record schemas the site publishes (schema/product.schema.json, schema/ikm.schema.json,
 * written from the record models) are the one source of the fields and their rules. This file
 * turns a schema into form controls and reads them back into a record, checking each value
 * against what the schema says (type, required, minimum and maximum, length, pattern, enum,
 * format date, items) and nothing more: a value the schema accepts as text (such as "85rb" where
 * the schema allows a number or a text) is kept as written, for the facilitator's import to read
 * with every rule of `etalase validate`.
 *
 * - Labels come from each field's description, "English / Indonesian": the page's half; a field's
 *   `written_as` (how people write its value) is shown as a hint and any text is taken there.
 * - Messages stand at the field in both languages, the page's first (strings.msg).
 * - Fields the page fills itself (config.auto) are not asked; a list the catalogue knows
 *   (config.choices: IKMs, sentra, languages, countries) becomes a select or checkboxes; enum
 *   values are named by config.labels (by the schema's name for the list, or the field's key).
 * - controls.js (part 2) turns a schema into the form's controls with what is here.
 *
 * Every text is written with textContent; nothing from a schema or a draft becomes markup.
 */
(() => {
  "use strict";

  const NS = (window.EtalaseAdd = window.EtalaseAdd || {});
  const LONG_TEXT = 500; // a text field allowing more characters than this is a textarea (not a web address)

  // --- texts ---------------------------------------------------------------------------------

  /** Return the two-language message `key` with `{name}` fields filled (numbers grouped per language). */
  function message(strings, key, values = {}) {
    const out = {};
    for (const [lang, table] of Object.entries(strings.msg)) {
      const locale = strings.locales[lang] || lang;
      const text = String(table[key] || table.invalid || key);
      out[lang] = text.replace(/\{(\w+)\}/g, (_, name) => {
        const value = values[name];
        if (typeof value === "number") return value.toLocaleString(locale);
        if (value && typeof value === "object") return String(value[lang] || "");
        return value === undefined ? "" : String(value);
      });
    }
    return out;
  }

  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  /** Return {label, hint} from a field's description, "English / Indonesian": the page's half,
   * split at its first ": " into the label and a hint ("Lowest price in IDR: 85000 or 85rb"). */
  function label(node, key, lang) {
    const text = String(node.description || node.title || key).trim();
    const cut = text.lastIndexOf(" / ");
    let part = text;
    if (cut > 0) part = lang === "en" ? text.slice(0, cut) : text.slice(cut + 3);
    part = part.trim().replace(/\.$/, "");
    const colon = part.indexOf(": ");
    if (colon > 0) return { label: capital(part.slice(0, colon)), hint: capital(part.slice(colon + 2)) };
    return { label: capital(part), hint: "" };
  }

  // --- reading a schema ----------------------------------------------------------------------

  /** Return `node` with its $ref followed (the outer keywords, such as a description, win). */
  function deref(root, node) {
    let current = node || {};
    for (let depth = 0; current.$ref && depth < 20; depth += 1) {
      const name = String(current.$ref).replace(/^#\/\$defs\//, "");
      const target = (root.$defs || {})[name] || {};
      const { $ref, ...outer } = current;
      current = { ...target, ...outer, defName: name };
    }
    return current;
  }

  /** Return what a schema node holds: {kind, node, nullable, branches, items}. */
  function shape(root, raw) {
    let node = deref(root, raw);
    let nullable = false;
    let branches = null;
    const union = node.anyOf || node.oneOf;
    if (Array.isArray(union)) {
      const list = union.map((b) => deref(root, b));
      nullable = list.some((b) => b.type === "null");
      const rest = list.filter((b) => b.type !== "null");
      const { anyOf, oneOf, ...outer } = node;
      const structured = rest.find((b) => b.type === "object" || b.properties) || rest.find((b) => b.type === "array");
      if (structured) node = { ...structured, ...outer, defName: structured.defName };
      else if (rest.length === 1) node = { ...rest[0], ...outer, defName: rest[0].defName };
      else {
        node = outer;
        branches = rest;
      }
    }
    if (node.defName === "Photo") return { kind: "photo", node, nullable };
    if (node.type === "object" || node.properties) return { kind: "object", node, nullable };
    if (node.type === "array") {
      const items = shape(root, node.items || {});
      const kind = items.kind === "photo" ? "photos" : items.kind === "object" ? "list" : "values";
      return { kind, node, nullable, items };
    }
    if (Array.isArray(node.enum)) return { kind: "choice", node, nullable };
    if (node.type === "boolean") return { kind: "flag", node, nullable };
    if (node.format === "date" && !branches) return { kind: "date", node, nullable };
    const read = branches || [node];
    // `written_as` says the record reads this value as people write it ("85rb", "0812 3456 7890"):
    // any text is taken as written, for the import to read with the model's own rules.
    if (node.written_as) return { kind: "text", node, nullable, branches: [...read, { type: "string", minLength: 1, maxLength: 200 }] };
    return { kind: "text", node, nullable, branches: read };
  }


  // --- checking a value ------------------------------------------------------------------------

  const patterns = new Map();
  function compiled(pattern) {
    if (!patterns.has(pattern)) {
      let re = null;
      for (const flags of ["u", ""]) {
        try {
          re = new RegExp(pattern, flags);
          break;
        } catch {
          re = null;
        }
      }
      patterns.set(pattern, re);
    }
    return patterns.get(pattern);
  }

  const example = (node) => (Array.isArray(node.examples) && node.examples.length ? node.examples[0] : undefined);
  const shown = (value) => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));

  /** Check a number against the node's bounds: [key, values] of the problem, or null. */
  function bounds(n, b) {
    const low = b.minimum ?? (b.exclusiveMinimum !== undefined ? b.exclusiveMinimum : undefined);
    const high = b.maximum ?? (b.exclusiveMaximum !== undefined ? b.exclusiveMaximum : undefined);
    const tooLow = (b.minimum !== undefined && n < b.minimum) || (b.exclusiveMinimum !== undefined && n <= b.exclusiveMinimum);
    const tooHigh = (b.maximum !== undefined && n > b.maximum) || (b.exclusiveMaximum !== undefined && n >= b.exclusiveMaximum);
    if (!tooLow && !tooHigh) return null;
    if (low !== undefined && high !== undefined) return ["range", { min: low, max: high }];
    return tooLow ? ["min", { min: low }] : ["max", { max: high }];
  }

  /** Return {value} when `text` is what branch `b` accepts, else {problem: [key, values]}. */
  function tryBranch(text, b, hint) {
    const ex = shown(hint ?? example(b));
    if (b.type === "integer" || b.type === "number") {
      const form = b.type === "integer" ? /^[+-]?\d+$/ : /^[+-]?\d+(?:\.\d+)?$/;
      if (!form.test(text)) return { problem: [b.type, { example: ex }] };
      const n = Number(text);
      const outside = bounds(n, b);
      return outside ? { problem: outside } : { value: n };
    }
    if (b.type === "string" || b.type === undefined) {
      const length = [...text].length;
      if (b.minLength !== undefined && length < b.minLength) return { problem: ["min_length", { min: b.minLength }] };
      if (b.maxLength !== undefined && length > b.maxLength) {
        return { problem: ["max_length", { max: b.maxLength, length }] };
      }
      const re = b.pattern ? compiled(b.pattern) : null;
      if (re && !re.test(text)) return { problem: [ex ? "pattern" : "pattern_plain", { example: ex }] };
      if (b.format === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return { problem: ["date", {}] };
      if (Array.isArray(b.enum) && !b.enum.includes(text)) return { problem: ["enum", {}] };
      return { value: text };
    }
    return { problem: ["invalid", {}] };
  }

  /** Return {value} or {problem} for a text as written, against every branch the schema allows. */
  function readText(text, branches, hint) {
    let first = null;
    for (const b of branches) {
      const result = tryBranch(text, b, hint);
      if ("value" in result) return result;
      first = first || result;
    }
    return first || { problem: ["invalid", {}] };
  }

  // --- building blocks ----------------------------------------------------------------------------

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === true) node.setAttribute(key, "");
      else if (value !== false && value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A message at a field, in both languages (the page's first); hidden when empty. */
  function errorBox(id, lang) {
    const box = el("p", { class: "et-ap-error", id, hidden: true });
    box.show = (msg) => {
      box.replaceChildren();
      if (!msg) {
        box.hidden = true;
        return;
      }
      const langs = [lang, ...Object.keys(msg).filter((l) => l !== lang)];
      langs.forEach((l, index) => {
        const part = el("span", { lang: l, class: index ? "et-ap-error__other" : "et-ap-error__main" }, msg[l]);
        box.append(part);
      });
      box.hidden = false;
    };
    return box;
  }

  NS.schema = { message, label, shape, deref, readText, example, shown, el, errorBox, LONG_TEXT };
})();
