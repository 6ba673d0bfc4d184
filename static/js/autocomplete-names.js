/* Tòa soạn — the admin's author pickers are named for screen readers.
 *
 * Django's autocomplete widget hides the <select> (which has an aria-label,
 * articles/forms.py) behind a Select2 box whose combobox is labelled only by
 * the chosen value: empty for a new byline, so "combobox" was all a screen
 * reader said. This names the box "Tác giả, tác giả thứ 1: Nguyễn Văn A" by
 * pointing its aria-labelledby at a hidden copy of the select's name, then
 * at the chosen value, for each picker on the page and in rows added later.
 *
 * Loaded by the article admin, as a file: the CSP allows no inline script.
 */
(function () {
  "use strict";

  function name(select) {
    var label = select.getAttribute("aria-label");
    var box = select.parentNode.querySelector(".select2-selection");
    if (!label || !box || !select.id) {
      return;
    }
    var labelId = select.id + "-accessible-name";
    var labelNode = document.getElementById(labelId);
    if (!labelNode) {
      labelNode = document.createElement("span");
      labelNode.id = labelId;
      labelNode.className = "visually-hidden";
      select.parentNode.appendChild(labelNode);
    }
    labelNode.textContent = label;
    var chosen = box.querySelector(".select2-selection__rendered");
    var ids = [labelId];
    if (chosen && chosen.id) {
      ids.push(chosen.id);
      // Its title repeats the value; name it like the box so it has more than a title.
      chosen.setAttribute("aria-labelledby", ids.join(" "));
    }
    box.setAttribute("aria-labelledby", ids.join(" "));
    // A picker of several (the tags) also has a box to type in, named the same.
    var search = select.parentNode.querySelector(".select2-search__field");
    if (search) {
      search.setAttribute("aria-label", label);
    }
  }

  function nameAll(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      if (select.name.indexOf("__prefix__") === -1) {
        name(select);
      }
    });
  }

  // Django's autocomplete.js builds the boxes when the page is ready and when a
  // row is added ("formset:added"): name each box as it appears.
  function watch() {
    nameAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.classList && node.classList.contains("select2-container")) {
            var select = node.previousElementSibling;
            if (select && select.matches("select.admin-autocomplete")) {
              name(select);
            }
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
