// The console's script: pages work without it; with it, htmx requests carry the CSRF token.
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) {
    event.detail.headers["X-CSRF-Token"] = meta.content;
  }
});

// Charts: a canvas with data-chart='{"labels": [...], "passRate": [...], "meanScore": [...]}'.
// The table beside each chart holds the same numbers, for readers without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") {
    return;
  }
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const data = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "pass rate (%)", data: data.passRate, yAxisID: "rate", borderColor: "#1f7a3d" },
          { label: "mean score", data: data.meanScore, yAxisID: "score", borderColor: "#2f5bd3" },
        ],
      },
      options: {
        animation: false,
        scales: {
          rate: { type: "linear", position: "left", min: 0, max: 100 },
          score: { type: "linear", position: "right", min: 0, max: 1, grid: { drawOnChartArea: false } },
        },
      },
    });
  }
});
