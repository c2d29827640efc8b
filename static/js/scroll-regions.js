// Tables wider than the screen scroll inside their .table-wrap box (app.css), never the page.
// A box that scrolls must be reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"),
// so while it scrolls it gets a tab stop, role="region" and a name (the table's caption, else the
// nearest heading before it). A template that does this itself (tabindex="0") is left alone.
// A table too wide for its column that a template forgot to wrap is wrapped here (a safety net:
// without JavaScript such a page scrolls sideways, so templates should wrap wide tables themselves).
(function () {
  "use strict";

  function nearestHeading(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
        var inner = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1];
      }
    }
    return null;
  }

  function name(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heading = nearestHeading(wrap);
    return heading ? heading.textContent.trim() : "";
  }

  function wrapWideTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var parent = table.parentElement;
      if (!parent || table.closest(".table-wrap") || table.offsetWidth <= parent.clientWidth + 1) continue;
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      parent.insertBefore(wrap, table);
      wrap.appendChild(table);
    }
  }

  function update() {
    wrapWideTables();
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      var ours = wrap.hasAttribute("data-scroll-region");
      if (!ours && wrap.hasAttribute("tabindex")) continue;
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (ours) continue;
        wrap.setAttribute("data-scroll-region", "");
        wrap.setAttribute("tabindex", "0");
        var label = name(wrap);
        if (label && !wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", label);
        }
      } else if (ours) {
        wrap.removeAttribute("data-scroll-region");
        wrap.removeAttribute("tabindex");
        if (wrap.getAttribute("role") === "region") {
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  window.addEventListener("resize", update);
  document.addEventListener("htmx:afterSettle", update);
})();
