/* Tòa soạn — the reader's comment form.
 *
 * The article page is the same for every reader (it may be cached), so its form
 * has neither a CSRF token nor a captcha. When the reader reaches or focuses the
 * form, this script asks the server for both, fills them in and points the form
 * at the real POST endpoint. "Lấy lại mã bảo mật" swaps the image and key in
 * place through django-simple-captcha's refresh endpoint and tells screen
 * readers. Without this script the form still works: it posts to the comment
 * page, which shows it again with a captcha and keeps what was typed.
 *
 * No inline scripts, styles or handlers anywhere, so a strict CSP can apply.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-comment-form]");
  if (!form || !window.fetch) {
    return;
  }
  var box = form.querySelector("[data-captcha]");
  var image = form.querySelector("[data-captcha-image]");
  var key = form.querySelector("[data-captcha-key]");
  var answer = form.querySelector("[data-captcha-answer]");
  var refreshButton = form.querySelector("[data-captcha-refresh]");
  var audio = form.querySelector("[data-captcha-audio]");
  var status = form.querySelector("[data-captcha-status]");
  var note = form.querySelector("[data-captcha-note]");
  var csrf = form.querySelector("[data-csrf]");
  var refusal = form.querySelector("[data-captcha-refusal]");

  var XHR = { "X-Requested-With": "XMLHttpRequest" };
  // A server-rendered captcha (comment page, form shown again after an error)
  // is ready now; the cached article page's form gets one on demand.
  var ready = Boolean(key && key.value);
  var loadedAt = ready ? Date.now() : 0;
  var lifetime = 5 * 60 * 1000;
  var pending = null;

  function announce(message) {
    if (!status) {
      return;
    }
    // Clearing first makes screen readers repeat an identical message.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  // The server's reason for giving no captcha (too many asked for from this
  // address), shown where the reader looks, next to the form.
  function refuse(error) {
    if (refusal && error && error.readerMessage) {
      refusal.textContent = error.readerMessage;
      refusal.hidden = false;
      return true;
    }
    return false;
  }

  function show(challenge) {
    if (refusal) {
      refusal.hidden = true;
    }
    key.value = challenge.key;
    image.src = challenge.image_url;
    answer.value = "";
    if (audio) {
      if (challenge.audio_url) {
        audio.href = challenge.audio_url;
        audio.hidden = false;
      } else {
        audio.hidden = true;
      }
    }
    loadedAt = Date.now();
  }

  function getJSON(url) {
    return fetch(url, { headers: XHR, credentials: "same-origin", cache: "no-store" }).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (!response.ok) {
              var error = new Error(String(response.status));
              error.readerMessage = data.error;
              throw error;
            }
            return data;
          });
      }
    );
  }

  // First captcha and CSRF token for the cacheable form.
  function load() {
    if (ready || pending) {
      return pending;
    }
    pending = getJSON(form.dataset.challengeUrl)
      .then(function (challenge) {
        show(challenge);
        if (challenge.expires_in) {
          lifetime = challenge.expires_in * 1000;
        }
        if (csrf) {
          csrf.value = challenge.csrf_token;
          csrf.disabled = false;
        }
        key.disabled = false;
        answer.disabled = false;
        box.hidden = false;
        if (note) {
          note.hidden = true;
        }
        form.action = form.dataset.postUrl;
        ready = true;
      })
      .catch(function (error) {
        // Leave the form as it is: without a captcha it posts to the comment
        // page, which still works and keeps the text.
        pending = null;
        refuse(error);
      });
    return pending;
  }

  function refresh(message, keepFocus) {
    return getJSON(form.dataset.refreshUrl)
      .then(function (challenge) {
        show(challenge);
        announce(message || form.dataset.messageRefreshed);
        if (!keepFocus) {
          answer.focus();
        }
      })
      .catch(function (error) {
        announce(refuse(error) ? error.readerMessage : form.dataset.messageFailed);
      });
  }

  form.addEventListener("focusin", load);
  if ("IntersectionObserver" in window && box) {
    var observer = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          load();
        }
      },
      { rootMargin: "200px 0px" }
    );
    observer.observe(form);
  }

  if (refreshButton) {
    refreshButton.addEventListener("click", function (event) {
      event.preventDefault();
      if (ready) {
        refresh();
      } else {
        load();
      }
    });
  }

  // A challenge expires after a few minutes; a reader who wrote for longer
  // gets a new one when they come to type it, instead of an error after sending.
  if (answer) {
    answer.addEventListener("focus", function () {
      if (ready && Date.now() - loadedAt > lifetime - 20000) {
        refresh(form.dataset.messageExpired, true);
      }
    });
  }

  // Back to this page from the next one (browser cache): its captcha was
  // probably used already, so get a fresh one before the reader types it.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && ready) {
      refresh(form.dataset.messageRefreshed, true);
    }
  });

  if (audio) {
    audio.addEventListener("click", function (event) {
      // Until a challenge with audio arrives the link is hidden (its href is then
      // the comment page, where the spoken code is offered without JavaScript).
      if (audio.hidden || !window.Audio) {
        return;
      }
      event.preventDefault();
      new window.Audio(audio.href).play().catch(function () {
        window.location.href = audio.href;
      });
    });
  }
})();
