/* Sistem Kerja — small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function siapkanMenu() {
    var tombol = document.querySelector("[data-menu-toggle]");
    var nav = document.getElementById("nav-utama");
    if (!tombol || !nav) return;
    tombol.hidden = false;
    tombol.addEventListener("click", function () {
      var terbuka = nav.classList.toggle("terbuka");
      tombol.setAttribute("aria-expanded", terbuka ? "true" : "false");
    });
  }

  /* A button with data-wajib-isi="<id of textarea>" stays disabled until that field has text. */
  function siapkanWajibIsi(akar) {
    (akar || document).querySelectorAll("[data-wajib-isi]").forEach(function (tombol) {
      var field = document.getElementById(tombol.getAttribute("data-wajib-isi"));
      if (!field) return;
      var perbarui = function () { tombol.disabled = field.value.trim() === ""; };
      field.addEventListener("input", perbarui);
      perbarui();
    });
  }

  /* "Pilih semua" checkbox for bulk actions. */
  function siapkanPilihSemua(akar) {
    (akar || document).querySelectorAll("[data-pilih-semua]").forEach(function (induk) {
      var nama = induk.getAttribute("data-pilih-semua");
      induk.addEventListener("change", function () {
        document.querySelectorAll('input[type=checkbox][name="' + nama + '"]').forEach(function (cb) {
          cb.checked = induk.checked;
        });
      });
    });
  }

  /* Guided request form: a block with data-tampil-jika-rute="a b" shows only for those scopes. */
  function siapkanRute() {
    var blok = document.querySelectorAll("[data-tampil-jika-rute]");
    var pilihan = document.querySelectorAll("input[name=rute]");
    if (!blok.length || !pilihan.length) return;
    var perbarui = function () {
      var dipilih = document.querySelector("input[name=rute]:checked");
      blok.forEach(function (b) {
        var rute = b.getAttribute("data-tampil-jika-rute").split(" ");
        b.hidden = !!dipilih && rute.indexOf(dipilih.value) === -1;
      });
    };
    pilihan.forEach(function (r) { r.addEventListener("change", perbarui); });
    perbarui();
  }

  document.addEventListener("DOMContentLoaded", function () {
    siapkanMenu();
    siapkanRute();
    siapkanWajibIsi();
    siapkanPilihSemua();
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    siapkanWajibIsi(e.target);
    siapkanPilihSemua(e.target);
  });
})();
