// Keyboard flow, facet list filtering and "copy link" for the archive pages. No inline scripts:
// everything hangs off data attributes so it works under a strict Content-Security-Policy.
const isTyping = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
const hits = () => Array.from(document.querySelectorAll('[data-hit]'));

// From the search box (current = -1) ArrowDown lands on the first result.
function moveThroughResults(step, fromSearch = false) {
  const all = hits();
  if (all.length === 0) return;
  const current = fromSearch ? -1 : all.findIndex((hit) => hit.classList.contains('is-current'));
  const next = Math.max(0, Math.min(all.length - 1, current + step));
  all.forEach((hit, i) => hit.classList.toggle('is-current', i === next));
  const link = all[next].querySelector('[data-hit-link]');
  if (link) link.focus();
}

function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const search = document.getElementById('q');
  if (event.key === '/' && !isTyping(event.target) && search) {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === 'ArrowDown' && (event.target === search || event.target.closest?.('[data-hit]'))) {
    event.preventDefault();
    moveThroughResults(1, event.target === search);
  } else if (event.key === 'ArrowUp' && event.target.closest?.('[data-hit]')) {
    event.preventDefault();
    const all = hits();
    if (all[0]?.classList.contains('is-current') && search) {
      all[0].classList.remove('is-current');
      search.focus();
    } else {
      moveThroughResults(-1);
    }
  }
}
document.addEventListener('keydown', onKey);

function filterFacetList(event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.filterList) return;
  const needle = box.value.trim().toLowerCase();
  const lists = document.querySelectorAll(`#${box.dataset.filterList}, [data-list-of="${box.dataset.filterList}"]`);
  lists.forEach((list) => {
    list.querySelectorAll('li').forEach((item) => {
      item.hidden = needle !== '' && !item.textContent.toLowerCase().includes(needle);
    });
    const more = list.closest('details');
    if (more && needle !== '') more.open = true;
  });
}
document.addEventListener('input', filterFacetList);

// A facet list's "more" brings its options when opened: what the filter box holds applies to them too.
document.addEventListener('htmx:afterSwap', (event) => {
  const list = event.detail?.target;
  const listId = list instanceof HTMLElement ? list.dataset.listOf : undefined;
  const box = listId ? document.querySelector(`[data-filter-list="${listId}"]`) : null;
  if (box instanceof HTMLInputElement && box.value.trim() !== '') box.dispatchEvent(new Event('input', { bubbles: true }));
});

/** The Clipboard API, or else the copy command: the API exists only over HTTPS and on localhost. */
async function writeToClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const put = (event) => {
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    document.addEventListener('copy', put);
    try {
      return document.execCommand('copy');
    } finally {
      document.removeEventListener('copy', put);
    }
  }
}

// Copying a section's link stays where the reader is: the default action, following the anchor,
// would scroll to the section and add a history entry (it ran while the clipboard was awaited).
// A click with a modifier key keeps its usual meaning (a new tab or window).
async function copyLink(event) {
  const link = event.target instanceof Element ? event.target.closest('[data-copy-link]') : null;
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const url = new URL(link.getAttribute('href'), location.href).href;
  const copied = await writeToClipboard(url);
  // Without any clipboard the link goes to the address bar, still without scrolling or a new entry.
  if (!copied) history.replaceState(history.state, '', url);
  const mark = copied ? 'data-copied' : 'data-copy-failed';
  link.setAttribute(mark, '');
  setTimeout(() => link.removeAttribute(mark), copied ? 2000 : 6000);
}
document.addEventListener('click', copyLink);

// A page restored from history keeps the markup it had, not what the search box held: put the
// query of the restored URL back in the box.
const syncSearchBox = () => {
  const box = document.getElementById('q');
  if (box) box.value = new URLSearchParams(location.search).get('q') ?? '';
};
document.addEventListener('htmx:historyRestore', syncSearchBox);
window.addEventListener('pageshow', (event) => event.persisted && syncSearchBox());

// Enter submits the form; the typing request the last keystroke scheduled would then answer the
// same words as a prefix ("still typing") and replace the submitted results: it is dropped.
let submitted = null;
document.addEventListener('submit', (event) => {
  if (event.target instanceof HTMLFormElement && event.target.id === 'search-form') submitted = document.getElementById('q')?.value ?? null;
});
document.addEventListener('input', (event) => {
  if (event.target instanceof HTMLElement && event.target.id === 'q') submitted = null;
});
document.addEventListener('htmx:confirm', (event) => {
  const element = event.detail?.elt;
  if (element instanceof HTMLInputElement && element.id === 'q' && submitted !== null && element.value === submitted) event.preventDefault();
});

document.addEventListener('htmx:afterSwap', () => {
  document.getElementById('results')?.setAttribute('aria-busy', 'false');
});
document.addEventListener('htmx:beforeRequest', () => {
  document.getElementById('results')?.setAttribute('aria-busy', 'true');
});

// The coverage chart's bars are SVG links, which htmx does not boost: in the results a bar loads its
// period as the table's link for the same period does (into the results, with a history entry).
function followBar(event) {
  const bar = event.target instanceof Element ? event.target.closest('.coverage-bars a[href]') : null;
  if (!bar || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || !bar.closest('#results')) return;
  const twin = Array.from(bar.closest('.coverage')?.querySelectorAll('.coverage-table a[href]') ?? []).find((link) => link.getAttribute('href') === bar.getAttribute('href'));
  if (!twin) return;
  event.preventDefault();
  twin.click();
}
document.addEventListener('click', followBar);

// "Cite this section": the copy button shows only with JavaScript (without it the citation is
// selectable text); without any clipboard the citation is selected for Ctrl+C instead.
document.documentElement.classList.add('js');
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy-citation]') : null;
  const citation = button ? document.getElementById(button.getAttribute('data-copy-citation')) : null;
  if (!citation) return;
  if (await writeToClipboard(citation.textContent)) {
    button.setAttribute('data-copied', '');
    setTimeout(() => button.removeAttribute('data-copied'), 2000);
  } else {
    getSelection()?.selectAllChildren(citation);
  }
});

// The head names the feed of the search shown: results swapped in by htmx bring their own.
document.addEventListener('htmx:afterSwap', () => {
  const shown = document.querySelector('#results [data-feed-link]');
  const head = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (shown && head) head.setAttribute('href', shown.getAttribute('href'));
});
