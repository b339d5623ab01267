// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Prevent double submission of a form on a slow connection.
  for (const form of document.querySelectorAll("form")) {
    form.addEventListener("submit", () => {
      for (const b of form.querySelectorAll("button[type=submit]")) {
        setTimeout(() => { b.disabled = true; }, 0);
      }
    });
  }

  // File uploads with a <progress>: send with XMLHttpRequest to show how far
  // the upload got, then show the page the server answers with, as the plain
  // form post would.
  for (const form of document.querySelectorAll("form[data-upload=progress]")) {
    const bar = form.querySelector("progress");
    if (!bar || !window.FormData) continue;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      bar.hidden = false;
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener("load", () => {
        if (xhr.responseURL && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
          return;
        }
        // The form again with the server's message (422): show that page.
        const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
        document.title = page.title;
        document.body.replaceWith(document.adoptNode(page.body));
      });
      xhr.addEventListener("error", () => form.submit());
      xhr.send(new FormData(form));
    });
  }
});
