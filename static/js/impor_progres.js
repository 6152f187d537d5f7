/* Admin, org-chart import step 3: polls the progress JSON (data-url on #progres) every second and
   reloads the page when the import is finished. Was an inline <script> (Content-Security-Policy). */
(function () {
  "use strict";
  var el = document.getElementById("progres");
  if (!el || el.getAttribute("data-selesai") === "1") return;
  function tanya() {
    fetch(el.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
      document.getElementById("progres-bar").max = d.total_baris || 1;
      document.getElementById("progres-bar").value = d.baris_diproses;
      document.getElementById("progres-teks").textContent = d.baris_diproses + "/" + d.total_baris;
      document.getElementById("progres-persen").textContent = d.persen;
      document.getElementById("progres-status").textContent = d.status_label;
      if (d.selesai) { window.location.reload(); } else { setTimeout(tanya, 1000); }
    }).catch(function () { setTimeout(tanya, 3000); });
  }
  setTimeout(tanya, 1000);
})();
