/* Etalase: the sentra directory's map (sentra/, en/sentra/).
 *
 * Loaded on every page; does nothing where there is no [data-et-map] box. On the directory it
 * loads Leaflet (assets/vendor/leaflet/, from its npm package; the box's data-leaflet) and reads
 * the directory itself: every entry <li data-lat data-lon> and its card link (name and page)
 * becomes a marker whose popup names the sentra and links to its page; the map fits all markers.
 * OpenStreetMap tiles; texts from the box's data-strings (templates/i18n). The box keeps its
 * height from the first paint (map.css), so the map moves nothing when it is drawn; without
 * JavaScript (map-noscript.css) or Leaflet it is hidden and the list below is the directory. Popups are DOM nodes, never
 * HTML strings. On phones one finger scrolls the page (dragging is off on touch screens, two
 * fingers zoom) and the mouse wheel never zooms, so the map cannot trap the page's scroll.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-et-map]");
  if (!box) return;
  var strings = {};
  try {
    strings = JSON.parse(box.getAttribute("data-strings") || "{}");
  } catch (error) {
    strings = {};
  }

  function text(key, name) {
    return String(strings[key] || "").replace("{name}", name);
  }

  function places() {
    var found = [];
    document.querySelectorAll("li[data-lat][data-lon]").forEach(function (item) {
      var lat = Number(item.getAttribute("data-lat"));
      var lon = Number(item.getAttribute("data-lon"));
      var link = item.querySelector("a.et-card__link");
      if (!link || !isFinite(lat) || !isFinite(lon)) return;
      found.push({ lat: lat, lon: lon, name: link.textContent.trim(), href: link.getAttribute("href") });
    });
    return found;
  }

  function popup(place) {
    var content = document.createElement("div");
    content.className = "et-map-popup";
    var name = document.createElement("strong");
    name.textContent = place.name;
    var link = document.createElement("a");
    link.setAttribute("href", place.href);
    link.textContent = text("open", place.name) || place.name;
    content.append(name, document.createElement("br"), link);
    return content;
  }

  function draw() {
    var L = window.L;
    var list = places();
    if (!L || !list.length) {
      box.hidden = true;
      return;
    }
    var map = L.map(box.querySelector(".et-map"), {
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      tap: false,
      zoomControl: false,
    });
    L.control.zoom({ zoomInTitle: text("zoom_in", ""), zoomOutTitle: text("zoom_out", "") }).addTo(map);
    // Leaflet's default marker has a shadow image without a high-density copy (blurred on phones):
    // the markers here are the default pin at both densities, without the shadow.
    var images = new URL("images/", new URL(box.getAttribute("data-leaflet"), window.location.href)).href;
    var pin = L.icon({
      iconUrl: images + "marker-icon.png",
      iconRetinaUrl: images + "marker-icon-2x.png",
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      tooltipAnchor: [16, -28],
    });
    L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 19, attribution: strings.attribution || "" }).addTo(map);
    var points = list.map(function (place) {
      L.marker([place.lat, place.lon], { icon: pin, title: place.name, alt: text("marker", place.name), riseOnHover: true })
        .bindPopup(popup(place))
        .addTo(map);
      return [place.lat, place.lon];
    });
    map.fitBounds(L.latLngBounds(points), { padding: [28, 28], maxZoom: 14 });
  }

  // Leaflet is loaded here, on the map page only (a file of this site: the CSP allows only 'self').
  var script = document.createElement("script");
  script.src = box.getAttribute("data-leaflet");
  script.addEventListener("load", draw);
  script.addEventListener("error", function () {
    box.hidden = true;
  });
  document.head.appendChild(script);
})();
