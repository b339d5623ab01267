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
});
