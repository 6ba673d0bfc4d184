/* Tòa soạn — "Sao chép liên kết" on the article page.
 *
 * The link points at the article itself, so without this script (or without
 * the Clipboard API) it is a plain link a reader can copy from the context
 * menu. With it, a click copies the address and says so to screen readers.
 */
(function () {
  "use strict";

  var link = document.querySelector("[data-copy-link]");
  var status = document.querySelector("[data-copy-status]");
  if (!link || !status || !navigator.clipboard) {
    return;
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(
      function () {
        status.textContent = link.getAttribute("data-copied");
      },
      function () {
        status.textContent = link.getAttribute("data-copy-failed");
      }
    );
  });
})();
