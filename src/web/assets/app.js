// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // After a failed submit the error summary is focused (autofocus does it
  // without JavaScript; a browser that ignores autofocus on a box gets it here).
  const summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) summary.focus();

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
        const problem = document.getElementById("error-summary");
        if (problem) problem.focus();
      });
      xhr.addEventListener("error", () => form.submit());
      xhr.send(new FormData(form));
    });
  }

  // A page that shows a job while it waits or runs: without JavaScript it
  // reloads itself; here it asks for itself in the background instead and
  // updates the progress in place (a polite live region), and loads the page
  // anew once the job has ended, to show how.
  const job = document.querySelector("[data-job-state]");
  const active = (el) => el && ["queued", "running"].includes(el.dataset.jobState);
  if (active(job) && window.fetch && window.DOMParser) {
    const poll = async () => {
      let wait = 1500;
      try {
        const res = await fetch(window.location.href, { cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const page = new DOMParser().parseFromString(await res.text(), "text/html");
        const next = page.querySelector("[data-job-state]");
        if (!active(next)) {
          window.location.reload();
          return;
        }
        job.dataset.jobState = next.dataset.jobState;
        job.replaceChildren(...Array.from(next.childNodes, (n) => document.adoptNode(n)));
      } catch {
        wait = 5000; // offline for a moment: ask again later
      }
      setTimeout(poll, wait);
    };
    setTimeout(poll, 1500);
  }
});

// Reading offline (sw.js): signed-in readers get the service worker; an
// offline copy shows the page's note with the time it was saved; signing out
// empties the saved pages before the form goes, so the next person on a
// shared device finds none.
(() => {
  if (!("serviceWorker" in navigator) || !window.caches) return;
  const root = document.documentElement;
  document.addEventListener("DOMContentLoaded", () => {
    const saved = root.dataset.offlineSaved;
    const note = document.getElementById("offline-note");
    if (saved && note) {
      const time = note.querySelector("time");
      const when = new Date(saved);
      if (time && !isNaN(when)) {
        time.dateTime = saved;
        time.textContent = when.toLocaleString(root.lang || undefined);
      }
      note.parentElement.prepend(note);
      note.hidden = false;
    }
    const logout = document.querySelector("header form.logout");
    if (logout) {
      navigator.serviceWorker.register("/sw.js").catch(() => {});
      logout.addEventListener("submit", (event) => {
        if (logout.dataset.forgotten) return;
        event.preventDefault();
        const forget = caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k))));
        forget.finally(() => {
          logout.dataset.forgotten = "1";
          logout.submit();
        });
      });
    } else {
      // Signed out (or never signed in): nothing of anyone stays.
      caches.keys().then((keys) => keys.forEach((k) => caches.delete(k)));
    }
  });
})();
