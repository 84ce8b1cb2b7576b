/* The needs board (kebutuhan/): filter the needs by category, forum and delivery city.
 *
 * The page (templates/pages/needs.md.j2) holds every open need as an <article data-need> with
 * data-kategori, data-forum and data-kota; without JavaScript all of them show. This script shows
 * the filter form, hides the needs (and the category groups) that do not match, says how many
 * are shown, and keeps the choice in the address (?kategori=rajut&forum=…&kota=…) so a filtered
 * board can be shared, reloaded or opened from a link.
 */
(() => {
  "use strict";
  const form = document.querySelector("[data-needs-filters]");
  if (!form) return;
  const selects = [...form.querySelectorAll("select")];
  const cards = [...document.querySelectorAll("[data-need]")];
  const groups = [...document.querySelectorAll("[data-needs-group]")];
  const count = form.querySelector("[data-needs-count]");
  const empty = document.querySelector("[data-needs-empty]");

  /** Set each filter from the address; a value the page does not offer is ignored. */
  const fromAddress = () => {
    const params = new URLSearchParams(window.location.search);
    for (const select of selects) {
      const wanted = params.get(select.name) || "";
      select.value = [...select.options].some((option) => option.value === wanted) ? wanted : "";
    }
  };

  /** Write the chosen filters into the address, keeping its #anchor. */
  const toAddress = () => {
    const params = new URLSearchParams();
    for (const select of selects) if (select.value) params.set(select.name, select.value);
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  };

  const apply = () => {
    let shown = 0;
    for (const card of cards) {
      const match = selects.every((select) => !select.value || card.dataset[select.name] === select.value);
      card.hidden = !match;
      shown += match ? 1 : 0;
    }
    for (const group of groups) group.hidden = !group.querySelector("[data-need]:not([hidden])");
    empty.hidden = shown > 0;
    const text = shown === 1 ? count.dataset.one : count.dataset.other;
    count.textContent = text.replace("{count}", String(shown));
  };

  for (const select of selects) {
    select.addEventListener("change", () => {
      apply();
      toAddress();
    });
  }
  window.addEventListener("popstate", () => {
    fromAddress();
    apply();
  });
  fromAddress();
  apply();
  form.hidden = false;
})();
