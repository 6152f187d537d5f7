/* Kinerja II dashboard (Pimpinan Unit / head of PD): draws the charts from the JSON the page
   carries (#data-dasbor-kinerja) with the vendored Chart.js (static/vendor/chartjs). Without
   JavaScript the page still shows every figure in its tables. */
(function () {
  "use strict";

  function gambar() {
    var sumber = document.getElementById("data-dasbor-kinerja");
    if (!sumber || typeof Chart === "undefined") return;
    var data = JSON.parse(sumber.textContent);
    var kanvas = function (id) { return document.getElementById(id); };
    var opsi = { responsive: true, animation: false };
    if (kanvas("grafik-target-status")) {
      new Chart(kanvas("grafik-target-status"), {
        type: "doughnut",
        data: { labels: ["Belum diserahkan", "Dalam peninjauan", "Dikembalikan", "Diterima"],
                datasets: [{ data: [data.target_per_status.belum, data.target_per_status.ditinjau,
                                    data.target_per_status.dikembalikan, data.target_per_status.diterima] }] },
        options: opsi
      });
    }
    if (kanvas("grafik-realisasi")) {
      new Chart(kanvas("grafik-realisasi"), {
        type: "bar",
        data: { labels: data.indikator.map(function (i) { return i.uraian; }),
                datasets: [{ label: "Target", data: data.indikator.map(function (i) { return i.target; }) },
                           { label: "Realisasi", data: data.indikator.map(function (i) { return i.realisasi; }) }] },
        options: Object.assign({ indexAxis: "y", scales: { x: { beginAtZero: true } } }, opsi)
      });
    }
    if (kanvas("grafik-tindak")) {
      new Chart(kanvas("grafik-tindak"), {
        type: "bar",
        data: { labels: ["Permintaan terlambat", "Kendala terbuka", "Dikembalikan untuk diperbaiki", "Laporan menunggu"],
                datasets: [{ label: "Jumlah", data: [data.permintaan_terlambat, data.kendala_terbuka,
                                                     data.dikembalikan, data.laporan_menunggu] }] },
        options: Object.assign({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }, opsi)
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", gambar);
  } else {
    gambar();
  }
})();
