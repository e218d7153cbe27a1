// Follows a compilation's build without reloading the page: every few seconds it reads this page again and
// copies its news into the live region (read out politely, only when the words change) and its details
// (the bar, then the download link) beside it. It stops once the document is ready or failed.
const progressBox = document.getElementById("compilation-progress");
const progressEvery = 3000;

const progressCheck = async () => {
  let response;
  try {
    response = await fetch(window.location.href, { redirect: "manual", cache: "no-store" });
  } catch {
    return setTimeout(progressCheck, progressEvery * 2); // offline for a moment: try again later
  }
  if (!response.ok) return; // the document went out of date: the address now leads to a fresh request
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  const box = fresh.getElementById("compilation-progress");
  if (!box) return;
  const news = document.getElementById("compilation-news");
  const words = box.querySelector("#compilation-news").textContent;
  if (news.textContent !== words) news.textContent = words;
  document.getElementById("compilation-detail").replaceChildren(...box.querySelector("#compilation-detail").childNodes);
  progressBox.className = box.className;
  progressBox.dataset.status = box.dataset.status;
  if (box.dataset.status === "pending" || box.dataset.status === "building") setTimeout(progressCheck, progressEvery);
};

if (progressBox) setTimeout(progressCheck, progressEvery);
