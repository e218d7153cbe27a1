// Draws a stacked bar chart from the numbers the page also shows as a table (the table is the source).
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("chart");
  const source = document.getElementById("chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: data.series },
    options: { responsive: true, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
});
