// Draws a bar chart (stacked unless the data says `stacked: false`) from the numbers the page also shows as a
// table (the table is the source).
// Chart.js (about 210 KB) is fetched only when the reader asks for the chart, so the page stays light.
const chartButton = document.querySelector("button[data-chart-library]");

const chartDraw = () => {
  const canvas = document.getElementById("chart");
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const stacked = data.stacked !== false;
  canvas.hidden = false;
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: data.series },
    options: { responsive: true, animation: false, scales: { x: { stacked }, y: { stacked, beginAtZero: true } } },
  });
  chartButton.hidden = true;
  canvas.focus(); // the button is gone: the focus goes to the chart, which says what it shows
};

const chartLoad = () => {
  const script = document.createElement("script");
  script.src = chartButton.dataset.chartLibrary;
  script.onload = chartDraw;
  script.onerror = () => chartButton.addEventListener("click", chartLoad, { once: true }); // try again
  document.head.append(script);
};

if (chartButton) {
  chartButton.hidden = false;
  chartButton.addEventListener("click", chartLoad, { once: true });
}
