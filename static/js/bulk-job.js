// Follows a bulk job without reloading the page: every second or two it reads the job's progress (JSON) and
// updates the bar and the sentence of the live region (read out only when its words change); once the job is
// over it shows the counts and the reasons for refusals, and stops.
const jobBox = document.getElementById("bulk-job");
const jobEvery = 1500;

const jobShow = (progress) => {
  const bar = document.getElementById("bulk-job-bar");
  bar.max = Math.max(progress.total, 1);
  bar.value = progress.processed;
  bar.textContent = `${progress.percent}%`;
  const news = document.getElementById("bulk-job-news");
  if (news.textContent !== progress.news) news.textContent = progress.news;
  jobBox.dataset.status = progress.status;
  if (!progress.is_over) return;
  document.getElementById("bulk-job-done").textContent = progress.done;
  document.getElementById("bulk-job-refused").textContent = progress.refused;
  const reasons = progress.refusals.map(([reason, count]) => {
    const item = document.createElement("li");
    item.textContent = `${reason} (${count})`;
    return item;
  });
  document.getElementById("bulk-job-refusals").replaceChildren(...reasons);
  document.getElementById("bulk-job-refusals-heading").hidden = reasons.length === 0;
  document.getElementById("bulk-job-result").hidden = false;
};

const jobCheck = async () => {
  let response;
  try {
    response = await fetch(jobBox.dataset.progressUrl, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
      redirect: "manual",
    });
  } catch {
    return setTimeout(jobCheck, jobEvery * 2); // offline for a moment: try again later
  }
  if (!response.ok) return; // signed out, or the job is gone: the page stays as it was
  const progress = await response.json();
  jobShow(progress);
  if (!progress.is_over) setTimeout(jobCheck, jobEvery);
};

if (jobBox) setTimeout(jobCheck, jobEvery);
