/* Tòa soạn — CKEditor's Vietnamese, completed and corrected.
 *
 * CKEditor 4.22's vi catalog leaves some labels in English ("Display Text" in
 * the link dialog, "Heading 2" in the format menu, the upload messages…), and
 * calls the image's alt text "Chú thích ảnh", which editors take for the
 * caption: what they type there is read out to blind readers, not printed
 * under the photo. This fills those entries into the editor's language before
 * any dialog is built (dialogs read their labels when first opened).
 *
 * Only for editors running in Vietnamese; loaded by the article admin
 * (articles/admin.py), as a file: the CSP allows no inline script.
 */
(function () {
  "use strict";

  var VIETNAMESE = {
    image2: { alt: "Mô tả ảnh (cho người khiếm thị)" },
    link: {
      displayText: "Chữ hiển thị",
      download: "Buộc tải xuống",
      noTel: "Vui lòng nhập số điện thoại",
      phoneNumber: "Số điện thoại",
      toUrl: "Địa chỉ web (URL)",
      toPhone: "Điện thoại",
      anchor: { errorWhitespace: "Tên điểm neo không được có dấu cách" },
    },
    table: {
      heightUnit: "đơn vị chiều cao",
      cell: { columnHeader: "Tiêu đề cột", rowHeader: "Tiêu đề hàng" },
    },
    format: {
      tag_address: "Địa chỉ",
      tag_h1: "Tiêu đề 1",
      tag_h2: "Tiêu đề 2",
      tag_h3: "Tiêu đề 3",
      tag_h4: "Tiêu đề 4",
      tag_h5: "Tiêu đề 5",
      tag_h6: "Tiêu đề 6",
    },
    clipboard: {
      pasteNotification:
        "Bấm %1 để dán. Trình duyệt của bạn không cho dán bằng nút trên thanh công cụ " +
        "hay trình đơn chuột phải.",
      pasteMsg: "Dán nội dung vào ô dưới đây rồi bấm Đồng ý.",
      fileFormatNotSupportedNotification: "Không hỗ trợ tệp định dạng ${formats}.",
      fileWithoutFormatNotSupportedNotification: "Không hỗ trợ định dạng tệp này.",
    },
    toolbar: { toolbarGroups: { clipboard: "Bộ nhớ tạm/Hoàn tác" } },
    common: { url: "Địa chỉ (URL)" },
    widget: { label: "Khối %1" },
    notification: { closed: "Đã đóng thông báo." },
    filetools: {
      loadError: "Không đọc được tệp.",
      networkError: "Lỗi mạng khi tải tệp lên.",
      httpError404: "Lỗi khi tải tệp lên (404: không tìm thấy địa chỉ tải lên).",
      httpError403: "Lỗi khi tải tệp lên (403: không có quyền).",
      httpError: "Lỗi khi tải tệp lên (mã lỗi: %1).",
      noUrlError: "Chưa có địa chỉ tải lên.",
      responseError: "Máy chủ trả lời không đúng.",
    },
    uploadwidget: {
      abort: "Đã hủy tải lên.",
      doneOne: "Đã tải tệp lên.",
      doneMany: "Đã tải lên %1 tệp.",
      uploadOne: "Đang tải tệp lên ({percentage}%)...",
      uploadMany: "Đang tải tệp lên, xong {current}/{max} ({percentage}%)...",
    },
  };

  // Fill only what the editor has: a plugin it does not load has no entry.
  function fill(target, source) {
    Object.keys(source).forEach(function (key) {
      if (typeof source[key] === "object") {
        if (target[key] && typeof target[key] === "object") {
          fill(target[key], source[key]);
        }
      } else if (key in target) {
        target[key] = source[key];
      }
    });
  }

  function translate(editor) {
    if (editor.langCode === "vi") {
      fill(editor.lang, VIETNAMESE);
    }
  }

  function start() {
    if (!window.CKEDITOR) {
      // ckeditor.js may come after this file; django-ckeditor waits the same way.
      setTimeout(start, 50);
      return;
    }
    // "loaded": the editor's language and its plugins' are in, no dialog yet.
    window.CKEDITOR.on("instanceLoaded", function (event) {
      translate(event.editor);
    });
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      translate(window.CKEDITOR.instances[name]);
    });
  }

  start();
})();
