/* Tòa soạn — CKEditor's image uploads carry Django's CSRF token.
 *
 * CKEditor 4 uploads with XMLHttpRequest, from the image dialog's "Tải lên" tab
 * and from drag and drop alike, and fires "fileUploadRequest" between opening
 * the request (priority 5) and sending it (priority 999). This adds the page's
 * token as the X-CSRFToken header there. The token is read from the admin
 * form's hidden field, so it works whether or not the CSRF cookie is HttpOnly.
 *
 * Loaded by the article admin (articles/admin.py), as a file: the CSP allows
 * no inline script outside CKEditor's own.
 */
(function () {
  "use strict";

  var hooked = [];

  function token() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function hook(editor) {
    if (hooked.indexOf(editor) !== -1) {
      return;
    }
    hooked.push(editor);
    editor.on("fileUploadRequest", function (event) {
      event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", token());
    });
  }

  function start() {
    if (!window.CKEDITOR) {
      // ckeditor.js may come after this file; django-ckeditor waits the same way.
      setTimeout(start, 50);
      return;
    }
    window.CKEDITOR.on("instanceCreated", function (event) {
      hook(event.editor);
    });
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      hook(window.CKEDITOR.instances[name]);
    });
  }

  start();
})();
