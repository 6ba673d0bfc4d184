/* Tòa soạn — "Báo vi phạm" under each approved comment.
 *
 * The article page may be cached, so it has no CSRF token. When a reader
 * clicks "Báo vi phạm", this script moves the page's one report form under
 * that comment; on submit it asks the report address for a token (GET with
 * X-Requested-With, never cached), posts the reason there and shows the
 * server's Vietnamese answer next to the link. Without this script the link
 * opens the report page, a plain form that works the same.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-report-form]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var csrf = form.querySelector("[data-report-csrf]");
  var cancel = form.querySelector("[data-report-cancel]");
  var XHR = { "X-Requested-With": "XMLHttpRequest" };
  var current = null;

  function statusFor(link) {
    var holder = link.parentNode;
    var status = holder.querySelector("[data-report-status]");
    if (!status) {
      status = document.createElement("span");
      status.className = "comment-report__status";
      status.setAttribute("role", "status");
      status.dataset.reportStatus = "";
      holder.appendChild(status);
    }
    return status;
  }

  function say(link, message) {
    var status = statusFor(link);
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function close() {
    form.hidden = true;
    form.reset();
    if (current) {
      current.setAttribute("aria-expanded", "false");
      current.focus();
    }
    current = null;
  }

  function open(link) {
    current = link;
    link.setAttribute("aria-expanded", "true");
    link.parentNode.insertAdjacentElement("afterend", form);
    form.action = link.href;
    form.hidden = false;
    var first = form.querySelector('input[name="reason"]');
    if (first) {
      first.focus();
    }
  }

  function readJSON(response) {
    return response.json().catch(function () {
      return {};
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-report-link]");
    if (!link) {
      return;
    }
    event.preventDefault();
    if (current === link) {
      close();
      return;
    }
    open(link);
  });

  if (cancel) {
    cancel.addEventListener("click", close);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var link = current;
    if (!link) {
      return;
    }
    var url = link.href;
    var options = { headers: XHR, credentials: "same-origin", cache: "no-store" };
    fetch(url, options)
      .then(function (response) {
        return readJSON(response).then(function (data) {
          if (!response.ok || !data.csrf_token) {
            throw new Error(String(response.status));
          }
          return data.csrf_token;
        });
      })
      .then(function (token) {
        csrf.value = token;
        var headers = { "X-Requested-With": "XMLHttpRequest", "X-CSRFToken": token };
        return fetch(url, {
          method: "POST",
          headers: headers,
          credentials: "same-origin",
          body: new FormData(form),
        });
      })
      .then(function (response) {
        return readJSON(response);
      })
      .then(function (data) {
        close();
        say(link, data.message || link.dataset.reportFailed || "");
      })
      .catch(function () {
        // No answer: the report page works without this script.
        window.location.href = url;
      });
  });
})();
