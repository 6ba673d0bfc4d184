/* Tòa soạn — counts a read of the article for "Đọc nhiều".
 *
 * The article page may come from a cache, so the server cannot count it: this
 * script sends one small beacon, which the server answers with 204 and keeps in a
 * buffer (articles/readership.py). A page the browser only prerenders for later is
 * counted when the reader actually opens it, not before.
 *
 * No inline scripts anywhere, so a strict CSP can apply.
 */
(function () {
  "use strict";

  var marker = document.querySelector("[data-view-beacon]");
  if (!marker || !navigator.sendBeacon) {
    return;
  }
  var url = marker.getAttribute("data-view-beacon");

  function send() {
    navigator.sendBeacon(url);
  }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
