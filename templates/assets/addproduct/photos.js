/* Etalase add-a-product page (tambah-produk/), part 3 of 6: photos, made ready on the phone.
 *
 * A photo is taken with the camera (an <input capture>) or chosen from the gallery, then, before
 * anything leaves the phone: decoded upright (createImageBitmap applies the EXIF orientation; an
 * <img>, which browsers also show upright, where it cannot), drawn into a canvas no larger than
 * config.photo.longEdge on its longest side, and exported as a new JPEG. A canvas export carries
 * no metadata at all: no GPS position, no camera, no date, no orientation tag. The original file
 * is never stored nor sent. A photo whose longest side is under config.photo.minEdge (the photo
 * stage's limit) is refused at the field. Each photo keeps a small preview as a data: URL (the
 * page's Content-Security-Policy allows images from the site and data: only). PhotosControl is
 * the form's control of a Photo field, or a list of them (controls.js makes it).
 */
(() => {
  "use strict";

  const NS = (window.EtalaseAdd = window.EtalaseAdd || {});
  const { el } = NS.schema;
  const TYPE = "image/jpeg";
  const PREVIEW_EDGE = 192;
  const NAME = /^[a-z]+-\d{1,3}\.jpg$/;

  const newId = () =>
    window.crypto && crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

  /** Return the picture in `file`, upright, and its size. */
  async function decode(file) {
    if ("createImageBitmap" in window) {
      try {
        const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
        return { source: bitmap, width: bitmap.width, height: bitmap.height, done: () => bitmap.close() };
      } catch {
        // fall through to <img>
      }
    }
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch (error) {
      URL.revokeObjectURL(url);
      throw error;
    }
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, done: () => URL.revokeObjectURL(url) };
  }

  /** Draw `source` into a new canvas of at most `edge` pixels on its longest side (white under any transparency). */
  function draw(source, width, height, edge) {
    const scale = Math.min(1, edge / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  const exported = (canvas, quality) =>
    new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no JPEG"))), TYPE, quality));

  /** Return the JPEG `blob` with only its picture: every APP1–APP15 segment (EXIF, XMP, the colour
   * profile the browser adds) and comment dropped, the JFIF header (APP0) kept. A canvas export
   * holds no EXIF, GPS or camera data to begin with; this leaves nothing else either. */
  async function bare(blob) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("not a JPEG");
    const kept = [bytes.subarray(0, 2)];
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      if (marker === 0xda) break; // start of scan: the picture itself follows
      const end = at + 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
      if (end > bytes.length) throw new Error("cut-off JPEG");
      const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
      if (!metadata) kept.push(bytes.subarray(at, end));
      at = end;
    }
    kept.push(bytes.subarray(at));
    return new Blob(kept, { type: TYPE });
  }

  /** Return the photo in `file` made ready to send: {blob, width, height, preview, original}, or throw {problem}. */
  async function prepare(file, limits) {
    let picture;
    try {
      picture = await decode(file);
    } catch {
      throw { problem: ["photo_unreadable", { name: file.name }] };
    }
    try {
      const { source, width, height } = picture;
      if (Math.max(width, height) < limits.minEdge) {
        throw { problem: ["photo_small", { name: file.name, width, height, min: limits.minEdge }] };
      }
      const canvas = draw(source, width, height, limits.longEdge);
      const blob = await bare(await exported(canvas, limits.quality));
      const preview = draw(canvas, canvas.width, canvas.height, PREVIEW_EDGE).toDataURL(TYPE, 0.7);
      const result = { blob, width: canvas.width, height: canvas.height, preview, original: file.size };
      canvas.width = canvas.height = 0; // give the memory back at once: phones have little
      return result;
    } finally {
      picture.done();
    }
  }

  /** The photos of one form: pickers, processing, storage in the draft. */
  class Photos {
    constructor({ strings, config, store, message, announce, changed }) {
      this.ui = strings.ui;
      this.locale = strings.locales[config.lang] || config.lang;
      this.limits = config.photo;
      this.store = store;
      this.message = message;
      this.announce = announce;
      this.changed = changed;
      this.cache = new Map(); // id -> photo
    }

    /** Return the buttons of a photo control: take a photo (camera), choose from the gallery. */
    picker(control) {
      const id = control.spec.id;
      const element = el("div", { class: "et-ap-picker" });
      const camera = el("input", { type: "file", accept: "image/*", capture: "environment", hidden: true, id: `${id}-camera` });
      const gallery = el("input", { type: "file", accept: "image/*", hidden: true, id: `${id}-gallery`, multiple: !control.single });
      const take = el("button", { type: "button", class: "et-button et-ap-take", "aria-describedby": `${id}-error` }, this.ui.take_photo);
      const choose = el("button", { type: "button", class: "et-button et-button--ghost et-ap-choose" }, this.ui.choose_photo);
      const status = el("p", { class: "et-ap-progress", role: "status" });
      take.addEventListener("click", () => camera.click());
      choose.addEventListener("click", () => gallery.click());
      for (const input of [camera, gallery]) {
        input.addEventListener("change", async () => {
          const files = [...(input.files || [])];
          input.value = "";
          await this.add(control, files, status);
        });
      }
      element.append(take, choose, camera, gallery, status);
      const picker = {
        element,
        first: take,
        update: () => {
          const full = control.room() <= 0;
          take.disabled = choose.disabled = full;
          if (full) status.textContent = this.ui.photos_full;
        },
      };
      return picker;
    }

    /** Make each file ready and add it to `control`, up to its room; say what happened. */
    async add(control, files, status) {
      const room = control.room();
      const taken = files.slice(0, Math.max(0, room));
      let problem = files.length > taken.length ? this.message("max_items", { max: control.max, count: control.items.length + files.length }) : null;
      let done = 0;
      for (const [index, file] of taken.entries()) {
        status.textContent = this.fill(this.ui.photo_working, { n: index + 1, total: taken.length });
        try {
          const ready = await prepare(file, this.limits);
          const photo = await this.keep(ready, this.nameFor(control));
          control.addPhoto(photo);
          done += 1;
        } catch (error) {
          problem = error && error.problem ? this.message(...error.problem) : this.message("photo_unreadable", { name: file.name });
        }
      }
      status.textContent = done ? this.fill(this.ui.photos_ready, { count: done }) : "";
      control.show(problem);
      if (done) this.announce(status.textContent);
      this.changed();
    }

    fill(text, values) {
      return String(text).replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
    }

    /** Return the next free file name in the package for `control`'s photos: foto-1.jpg, logo-1.jpg … */
    nameFor(control) {
      const prefix = control.single ? "logo" : "foto";
      const used = new Set(control.photos().map((p) => p.name));
      for (let n = 1; ; n += 1) if (!used.has(`${prefix}-${n}.jpg`)) return `${prefix}-${n}.jpg`;
    }

    async keep(ready, name) {
      const photo = { id: newId(), name, ...ready };
      await this.store.putPhoto(photo.id, { name, blob: ready.blob, width: ready.width, height: ready.height, preview: ready.preview, original: ready.original });
      photo.url = ready.preview;
      photo.size = ready.blob.size;
      this.cache.set(photo.id, photo);
      return photo;
    }

    /** Return a kept photo by id (from the draft), checked, or null. */
    async recall(id) {
      if (typeof id !== "string" || id.length > 100) return null;
      if (this.cache.has(id)) return this.cache.get(id);
      const record = await this.store.getPhoto(id);
      if (!record || !(record.blob instanceof Blob) || record.blob.type !== TYPE || !NAME.test(String(record.name))) return null;
      if (typeof record.preview !== "string" || !record.preview.startsWith(`data:${TYPE};base64,`)) return null;
      const photo = {
        id,
        name: record.name,
        blob: record.blob,
        width: Number(record.width) || 0,
        height: Number(record.height) || 0,
        url: record.preview,
        size: record.blob.size,
        original: Number(record.original) || 0,
      };
      this.cache.set(id, photo);
      return photo;
    }

    forget(photo) {
      this.cache.delete(photo.id);
      this.store.deletePhoto(photo.id).catch(() => {});
    }

    /** Return what the maker sees under a photo: its size now, and the original's. */
    describe(photo) {
      const text = this.fill(this.ui.photo_size, { width: photo.width, height: photo.height, size: this.bytes(photo.size) });
      return photo.original ? `${text} ${this.fill(this.ui.photo_from, { size: this.bytes(photo.original) })}` : text;
    }

    bytes(n) {
      if (n >= 1048576) return `${(n / 1048576).toLocaleString(this.locale, { maximumFractionDigits: 1 })} MB`;
      return `${Math.max(1, Math.round(n / 1024)).toLocaleString(this.locale)} kB`;
    }
  }

  /** Photos (or one photo): taken or chosen on the phone, made small and bare there (photos.js), each with its other fields. */
  class PhotosControl extends NS.form.Control {
    constructor(form, spec) {
      super(form, spec);
      this.single = spec.shape.kind === "photo";
      this.itemShape = this.single ? spec.shape : spec.shape.items;
      this.max = this.single ? 1 : spec.shape.node.maxItems || 12;
      this.items = [];
      this.element = el("fieldset", { class: "et-ap-group et-ap-photos", id: spec.id });
      const legend = el("legend", {}, spec.label);
      if (!spec.required) legend.append(" ", el("span", { class: "et-ap-optional" }, form.ctx.strings.ui.optional));
      this.list = el("div", { class: "et-ap-photos__items" });
      this.picker = form.ctx.photos.picker(this);
      this.element.append(legend);
      if (spec.hint) this.element.append(el("p", { class: "et-ap-hint" }, spec.hint));
      this.element.append(this.picker.element, this.list, this.error);
    }

    focusable() {
      return this.picker.first;
    }

    /** Add a processed photo ({id, name, width, height, size, url}); return its item. */
    addPhoto(photo, state) {
      const ui = this.form.ctx.strings.ui;
      const itemSpec = {
        key: this.spec.key,
        path: [...this.spec.path, this.items.length],
        id: `${this.spec.id}-${NS.form.uid()}`,
        label: "",
        required: true,
        shape: { kind: "object", node: this.itemShape.node },
      };
      const fields = new NS.form.ObjectControl(this.form, itemSpec);
      fields.children = fields.children.filter((c) => {
        if (c.spec.key !== "file") return true;
        c.element.remove();
        return false;
      });
      const item = { photo, fields, element: el("div", { class: "et-ap-photo" }) };
      const restored = state ? fields.restore(state) : null;
      const figure = el("figure", { class: "et-ap-photo__thumb" });
      const img = el("img", { src: photo.url, alt: "", width: 96, height: Math.round((96 * photo.height) / photo.width) || 96 });
      figure.append(img, el("figcaption", {}, this.form.ctx.photos.describe(photo)));
      const remove = el("button", { type: "button", class: "et-ap-remove" }, ui.remove_photo);
      remove.addEventListener("click", () => {
        this.items = this.items.filter((i) => i !== item);
        item.element.remove();
        this.form.ctx.photos.forget(photo);
        this.picker.update();
        this.picker.first.focus();
        this.changed();
      });
      item.element.append(figure, fields.element, remove);
      this.items.push(item);
      this.list.append(item.element);
      this.picker.update();
      item.restored = restored;
      return item;
    }

    room() {
      return this.max - this.items.length;
    }

    state() {
      return this.items.map((item) => ({ photo: item.photo.id, fields: item.fields.state() }));
    }

    async restore(value) {
      if (!Array.isArray(value)) return;
      for (const entry of value.slice(0, this.max)) {
        const photo = await this.form.ctx.photos.recall(entry && entry.photo);
        if (photo) await this.addPhoto(photo, entry.fields).restored;
      }
    }

    read() {
      const values = [];
      const problems = [];
      for (const item of this.items) {
        const result = item.fields.read();
        problems.push(...result.problems);
        values.push({ file: item.photo.name, ...(result.value || {}) });
      }
      if (!values.length) return { empty: true, problems };
      if (this.single) return { empty: false, value: values[0], problems };
      const count = NS.form.counted(this.form, this.node, values.length);
      if (count) problems.push({ control: this, msg: count });
      return { empty: false, value: values, problems };
    }

    photos() {
      return this.items.map((item) => item.photo);
    }

    controls() {
      return [this, ...this.items.flatMap((item) => item.fields.controls())];
    }
  }

  NS.photos = { Photos, PhotosControl, prepare, bare };
})();
