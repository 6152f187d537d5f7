/* Auditor dashboard: draws the charts from the JSON the page carries (#data-dasbor) with the
   vendored Chart.js (static/vendor/chartjs). Without JavaScript the page still shows the
   findings and the table. */
(function () {
  "use strict";

  function gambar() {
    var sumber = document.getElementById("data-dasbor");
    if (!sumber || typeof Chart === "undefined") return;
    var data = JSON.parse(sumber.textContent);
    var kanvas = function (id) { return document.getElementById(id); };
    var opsi = { responsive: true, animation: false };
    if (kanvas("grafik-surat-bulan")) {
      new Chart(kanvas("grafik-surat-bulan"), {
        type: "bar",
        data: { labels: data.surat_per_bulan.bulan, datasets: data.surat_per_bulan.seri },
        options: Object.assign({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }, opsi)
      });
    }
    if (kanvas("grafik-dicabut")) {
      new Chart(kanvas("grafik-dicabut"), {
        type: "line",
        data: { labels: data.surat_dicabut.bulan, datasets: [{ label: "Dicabut", data: data.surat_dicabut.data }] },
        options: Object.assign({ scales: { y: { beginAtZero: true } } }, opsi)
      });
    }
    if (kanvas("grafik-status")) {
      new Chart(kanvas("grafik-status"), {
        type: "doughnut",
        data: { labels: Object.keys(data.permohonan_per_status),
                datasets: [{ data: Object.values(data.permohonan_per_status) }] },
        options: opsi
      });
    }
    if (kanvas("grafik-median")) {
      new Chart(kanvas("grafik-median"), {
        type: "bar",
        data: { labels: Object.keys(data.median_hari_keputusan),
                datasets: [{ label: "Median hari", data: Object.values(data.median_hari_keputusan) }] },
        options: Object.assign({ indexAxis: "y", scales: { x: { beginAtZero: true } } }, opsi)
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", gambar);
  } else {
    gambar();
  }
})();
