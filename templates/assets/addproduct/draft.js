/* Etalase add-a-product page (tambah-produk/), part 4 of 6: the draft kept on the phone.
 *
 * Everything the maker typed and every processed photo stays in this browser's IndexedDB (one
 * database per site: its root's path, so two sites on one origin keep their own) until the maker
 * starts a new product: a page closed, a phone restarted or a lost signal loses nothing. Photos
 * are kept as the small JPEG blobs photos.js made, never the originals. Where IndexedDB cannot
 * be used (some private windows) the draft lives in memory for this visit only and the page says so.
 * What is read back is checked again: the form's restore() takes only the types it expects.
 */
(() => {
  "use strict";

  const NS = (window.EtalaseAdd = window.EtalaseAdd || {});
  const DRAFT = "draft";
  const PHOTOS = "photos";
  const KEY = "current";

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  function openDatabase(name) {
    return new Promise((resolve) => {
      let req;
      try {
        req = window.indexedDB.open(name, 1);
      } catch {
        resolve(null);
        return;
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(DRAFT)) db.createObjectStore(DRAFT);
        if (!db.objectStoreNames.contains(PHOTOS)) db.createObjectStore(PHOTOS);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    });
  }

  /** The draft in IndexedDB. */
  class Stored {
    constructor(db) {
      this.db = db;
      this.lasting = true;
    }

    async run(store, mode, work) {
      const tx = this.db.transaction(store, mode);
      const done = new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
      });
      const [result] = await Promise.all([request(work(tx.objectStore(store))), done]);
      return result;
    }

    load() {
      return this.run(DRAFT, "readonly", (s) => s.get(KEY));
    }

    save(draft) {
      return this.run(DRAFT, "readwrite", (s) => s.put(draft, KEY));
    }

    putPhoto(id, record) {
      return this.run(PHOTOS, "readwrite", (s) => s.put(record, id));
    }

    getPhoto(id) {
      return this.run(PHOTOS, "readonly", (s) => s.get(id));
    }

    deletePhoto(id) {
      return this.run(PHOTOS, "readwrite", (s) => s.delete(id));
    }

    photoIds() {
      return this.run(PHOTOS, "readonly", (s) => s.getAllKeys());
    }

    async clear() {
      await this.run(DRAFT, "readwrite", (s) => s.clear());
      await this.run(PHOTOS, "readwrite", (s) => s.clear());
    }
  }

  /** The draft in memory, where the browser keeps no IndexedDB. */
  class InMemory {
    constructor() {
      this.draft = null;
      this.photos = new Map();
      this.lasting = false;
    }

    async load() {
      return this.draft;
    }

    async save(draft) {
      this.draft = draft;
    }

    async putPhoto(id, record) {
      this.photos.set(id, record);
    }

    async getPhoto(id) {
      return this.photos.get(id);
    }

    async deletePhoto(id) {
      this.photos.delete(id);
    }

    async photoIds() {
      return [...this.photos.keys()];
    }

    async clear() {
      this.draft = null;
      this.photos.clear();
    }
  }

  /** Return the draft store of the site whose root is `rootPath` (IndexedDB, else memory). */
  async function openDraft(rootPath) {
    const db = "indexedDB" in window ? await openDatabase(`etalase-tambah-produk:${rootPath}`) : null;
    return db ? new Stored(db) : new InMemory();
  }

  /** Delete the stored photos the draft no longer names. */
  async function tidy(store, keep) {
    const wanted = new Set(keep);
    for (const id of await store.photoIds()) if (!wanted.has(id)) await store.deletePhoto(id);
  }

  NS.draft = { open: openDraft, tidy };
})();
