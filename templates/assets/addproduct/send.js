/* Etalase add-a-product page (tambah-produk/), part 5 of 6: the package and how it leaves the phone.
 *
 * The package is ONE text file: the records as JSON (JSON is YAML too; indented, so a person can
 * read it and the facilitator's import can point at its lines) and then the photos, each a JPEG
 * in base64 on a line of its own. It is a .txt file of type text/plain because that is a type the
 * phone's share sheet takes (Chrome on Android shares only images, video, audio, text and PDF
 * files); WhatsApp sends it as a document. Nothing goes to a server:
 *
 * - where the browser can share files (navigator.canShare), one button opens the share sheet;
 * - otherwise (and always, as a second way) a download link, and a wa.me link to the
 *   facilitator (config.facilitator, from catalog/site.yml) with the message written;
 * - a maker with a GitHub account may open the issue form instead, prefilled from the record
 *   (config.issue: the form's address and which question takes which field).
 *
 * Every link is built here from checked parts: wa.me digits, the issue form address the build
 * wrote, text passed through encodeURIComponent.
 */
(() => {
  "use strict";

  const NS = (window.EtalaseAdd = window.EtalaseAdd || {});
  const FORMAT = "etalase-paket";
  const VERSION = 1;
  const WA = /^[1-9][0-9]{7,14}$/;
  const MAX_URL = 7000; // GitHub refuses much longer addresses

  const base64 = (blob) =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });

  /** Return the package's text: the records first, then every photo. */
  async function packageText({ ikm, product, photos, lang, page }) {
    const body = { format: FORMAT, version: VERSION, made: new Date().toISOString(), lang, page };
    if (ikm) body.ikm = ikm;
    if (product) body.product = product;
    body.photos = [];
    for (const photo of photos) {
      body.photos.push({ name: photo.name, type: photo.blob.type, width: photo.width, height: photo.height, data: await base64(photo.blob) });
    }
    return `${JSON.stringify(body, null, 2)}\n`;
  }

  /** Return the value at a dotted path of a record, as a form answer (lists joined with commas). */
  function answer(record, path) {
    let value = record;
    for (const key of path.split(".")) value = value && typeof value === "object" ? value[key] : undefined;
    if (Array.isArray(value)) return value.join(", ");
    return value === undefined || value === null || typeof value === "object" ? "" : String(value);
  }

  /** Return the issue form's address with the record's answers, dropping the longest until it fits. */
  function issueUrl(link, record) {
    if (!link || !/^https:\/\/github\.com\/[^?#]+\/issues\/new\?template=[a-z0-9-]+\.yml$/.test(link.url)) return "";
    const answers = Object.entries(link.fields || {})
      .map(([id, path]) => [id, answer(record, path)])
      .filter(([, value]) => value);
    const build = () => link.url + answers.map(([id, v]) => `&${encodeURIComponent(id)}=${encodeURIComponent(v)}`).join("");
    let url = build();
    while (url.length > MAX_URL && answers.length) {
      answers.sort((a, b) => a[1].length - b[1].length).pop();
      url = build();
    }
    return url;
  }

  const whatsapp = (digits, text) => (WA.test(String(digits)) ? `https://wa.me/${digits}?text=${encodeURIComponent(text)}` : "");

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
  }

  function megabytes(bytes, locale) {
    const mb = bytes / 1048576;
    return mb >= 0.1 ? `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB` : `${Math.ceil(bytes / 1024)} kB`;
  }

  /** The package made from the form, and the ways to send it. */
  class Sender {
    constructor({ strings, config, lang, onSent }) {
      this.ui = strings.ui;
      this.config = config;
      this.lang = lang;
      this.locale = strings.locales[lang] || lang;
      this.onSent = onSent;
      this.url = "";
    }

    /** Make the package file of `records` ({ikm, product}) and `photos`; return what the maker sees about it. */
    async make(records, photos) {
      const text = await packageText({ ...records, photos, lang: this.lang, page: window.location.href.split(/[?#]/)[0] });
      const slug = (records.product && records.product.slug) || (records.ikm && records.ikm.slug) || "paket";
      const name = `etalase-${slug}.txt`;
      const file = new File([text], name, { type: "text/plain" });
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = URL.createObjectURL(file);
      const what = records.product ? records.product.name.id : records.ikm ? records.ikm.name : "";
      const maker = records.ikm ? records.ikm.name : this.makerName;
      const message = fill(this.ui.wa_message, { maker: maker || "", what, file: name, site: this.config.site });
      return { file, name, text, message, records, size: megabytes(file.size, this.locale), photos: photos.length };
    }

    /** Return the panel that sends `made` (the result of make). */
    panel(made) {
      const { el } = NS.schema;
      const ui = this.ui;
      const box = el("div", { class: "et-ap-ready" });
      box.append(el("h3", { tabindex: "-1" }, ui.ready_title));
      box.append(el("p", { class: "et-ap-file" }, fill(ui.ready_file, { file: made.name, size: made.size, photos: made.photos })));
      const canShare = navigator.canShare && navigator.canShare({ files: [made.file] });
      if (canShare) {
        const share = el("button", { type: "button", class: "et-wa et-ap-share" }, ui.share);
        share.addEventListener("click", () => this.share(made, share));
        box.append(share, el("p", { class: "et-ap-hint" }, ui.share_hint));
      }
      box.append(this.manual(made, canShare));
      const github = this.github(made.records);
      if (github) box.append(github);
      return box;
    }

    async share(made, button) {
      try {
        await navigator.share({ files: [made.file], title: made.name, text: made.message });
        this.onSent(made, "share");
      } catch (error) {
        if (!error || error.name !== "AbortError") button.after(NS.schema.el("p", { class: "et-ap-note" }, this.ui.share_failed));
      }
    }

    /** The way without a share sheet: download the file, open the facilitator's chat, attach it. */
    manual(made, canShare) {
      const { el } = NS.schema;
      const ui = this.ui;
      const wrap = el(canShare ? "details" : "div", { class: "et-ap-manual" });
      if (canShare) wrap.append(el("summary", {}, ui.manual_title));
      else wrap.append(el("p", {}, ui.manual_intro));
      const steps = el("ol", { class: "et-ap-steps" });
      const download = el("a", { class: "et-button", href: this.url, download: made.name }, ui.download);
      download.addEventListener("click", () => this.onSent(made, "download"));
      const first = el("li");
      first.append(download);
      steps.append(first);
      const chat = whatsapp(this.config.facilitator, made.message);
      const second = el("li");
      if (chat) {
        const link = el("a", { class: "et-wa", href: chat, target: "_blank", rel: "noopener" }, ui.open_chat);
        link.addEventListener("click", () => this.onSent(made, "whatsapp"));
        second.append(link, el("span", { class: "et-ap-hint" }, fill(ui.facilitator_number, { number: `+${this.config.facilitator}` })));
      } else {
        second.textContent = ui.no_facilitator;
      }
      steps.append(second, el("li", {}, fill(ui.attach, { file: made.name })));
      wrap.append(steps);
      return wrap;
    }

    /** The issue forms for a maker with a GitHub account, prefilled, or null when the site has none. */
    github(records) {
      const { el } = NS.schema;
      const issue = this.config.issue || {};
      const links = [];
      if (records.ikm && issue.ikm) links.push([this.ui.github_ikm, issueUrl(issue.ikm, records.ikm)]);
      if (records.product && issue.product) links.push([this.ui.github_product, issueUrl(issue.product, records.product)]);
      const usable = links.filter(([, url]) => url);
      if (!usable.length) return null;
      const wrap = el("details", { class: "et-ap-github" });
      wrap.append(el("summary", {}, this.ui.github_title), el("p", {}, this.ui.github_intro));
      for (const [text, url] of usable) {
        const p = el("p");
        p.append(el("a", { href: url, target: "_blank", rel: "noopener" }, text));
        wrap.append(p);
      }
      return wrap;
    }
  }

  NS.send = { Sender, packageText, issueUrl, whatsapp, FORMAT, VERSION };
})();
