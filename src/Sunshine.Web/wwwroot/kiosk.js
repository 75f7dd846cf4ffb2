// Kiosk idle reset: after the configured time without a touch, click or key, everything typed is cleared — form
// fields, the browser's storage — and the terminal returns to its home page, so no visitor's data is left for the next.
(function () {
  "use strict";
  var root = document.querySelector("[data-idle-seconds]");
  if (!root) return;
  var seconds = parseInt(root.getAttribute("data-idle-seconds"), 10);
  if (!(seconds > 0)) return;
  var timer = 0;

  function clearEverything() {
    document.querySelectorAll("form").forEach(function (form) { form.reset(); });
    document.querySelectorAll("input, textarea, select").forEach(function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "hidden" || type === "submit" || type === "button") return;
      if (type === "checkbox" || type === "radio") field.checked = false;
      else if (field.tagName === "SELECT") field.selectedIndex = -1;
      else field.value = "";
    });
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
  }

  function reset() {
    clearEverything();
    // Already at home with nothing open: stay (no reload every few minutes on an unused terminal).
    if (window.location.pathname === "/kiosk" && !window.location.search) { restart(); return; }
    // replace, not assign: the back button does not lead to the previous visitor's pages.
    window.location.replace("/kiosk");
  }

  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, seconds * 1000);
  }

  ["pointerdown", "touchstart", "keydown", "input", "wheel"].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true, capture: true });
  });
  // A page restored from the back-forward cache would still show what was typed: clear it and start over.
  window.addEventListener("pageshow", function (event) { if (event.persisted) reset(); });
  restart();
})();
