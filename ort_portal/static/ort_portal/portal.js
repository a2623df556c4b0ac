/* Keyboard and screen-reader support shared by every page (RGAA 7.1, 7.4, 7.5, 11.10, 12.8).
 *
 * - [data-ort-focus]: the element to focus once a page or an htmx fragment arrives (an error
 *   summary, the updated row, the moved action's button); the attribute is then removed.
 * - [data-ort-announce]: a message written into the page's live region (#ort-live).
 * - Tables that scroll sideways become focusable regions named after their caption, so that
 *   keyboard users can scroll them (only while they overflow: no useless Tab stop).
 * - [data-ort-save-when-changed]: a row's save button stays out of the Tab order until its
 *   select differs from the saved value (without JavaScript it is always there).
 * - input[data-ort-picker]: the search of a picker (ort_portal.pickers); Enter searches
 *   instead of submitting the form, and its text is not sent with the form.
 */
(function () {
  "use strict";

  function announce(message) {
    var live = document.getElementById("ort-live");
    if (!live || !message) { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 100);
  }

  function focusMarked(root) {
    var messages = [];
    root.querySelectorAll("[data-ort-announce]").forEach(function (element) {
      messages.push(element.getAttribute("data-ort-announce"));
      element.removeAttribute("data-ort-announce");
    });
    if (messages.length) { announce(messages.join(" ")); }
    var target = root.querySelector("[data-ort-focus]");
    root.querySelectorAll("[data-ort-focus]").forEach(function (element) {
      element.removeAttribute("data-ort-focus");
    });
    if (target) {
      if (!target.matches("a, button, input, select, textarea, [tabindex]")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "nearest" });
      // Again each time DSFR finishes unfolding what opens on load (applied filters push the
      // plan's count down), for two seconds: the focused element stays in view.
      var keepInView = function () {
        if (document.activeElement === target) { target.scrollIntoView({ block: "nearest" }); }
      };
      document.addEventListener("transitionend", keepInView);
      window.setTimeout(function () {
        document.removeEventListener("transitionend", keepInView);
      }, 2000);
    }
  }

  function markScrollableTables(root) {
    root.querySelectorAll(".fr-table__container").forEach(function (container) {
      var overflows = container.scrollWidth > container.clientWidth + 1;
      if (overflows && !container.hasAttribute("tabindex")) {
        var caption = container.querySelector("caption");
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", "Tableau défilant" +
          (caption ? " : " + caption.textContent.trim() : ""));
      } else if (!overflows && container.getAttribute("tabindex") === "0") {
        container.removeAttribute("tabindex");
        container.removeAttribute("role");
        container.removeAttribute("aria-label");
      }
    });
  }

  function saveWhenChanged(root) {
    root.querySelectorAll("[data-ort-save-when-changed]").forEach(function (button) {
      if (button.hasAttribute("data-ort-bound")) { return; }
      button.setAttribute("data-ort-bound", "");
      var select = document.getElementById(button.getAttribute("data-ort-save-when-changed"));
      if (!select) { return; }
      var saved = select.getAttribute("data-ort-saved");
      var update = function () { button.hidden = select.value === saved; };
      select.addEventListener("change", update);
      update();
    });
  }

  function fieldFromSummary(event) {
    var link = event.target.closest(".ort-error-summary a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
    }
  }

  function searchOnEnter(event) {
    if (event.key !== "Enter" || !event.target.matches("input[data-ort-picker]")) { return; }
    event.preventDefault();
    if (window.htmx) { window.htmx.trigger(event.target, "search"); }
  }

  function leavePickerSearches(event) {
    event.target.querySelectorAll("input[data-ort-picker]").forEach(function (input) {
      event.formData.delete(input.name);
    });
  }

  function enhance(root) {
    saveWhenChanged(root);
    markScrollableTables(document);
    focusMarked(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
  document.addEventListener("htmx:responseError", function () {
    announce("La modification n’a pas pu être enregistrée : rechargez la page et réessayez.");
  });
  document.addEventListener("htmx:sendError", function () {
    announce("Le serveur ne répond pas : la modification n’est pas enregistrée.");
  });
  document.addEventListener("click", fieldFromSummary);
  document.addEventListener("keydown", searchOnEnter);
  document.addEventListener("formdata", leavePickerSearches, true);
  window.addEventListener("resize", function () { markScrollableTables(document); });
}());
