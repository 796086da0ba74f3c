// Search-as-you-type: fills the search box's <datalist> with enterprise and brand names from
// /api/v1/suggest; picking one goes straight to that enterprise (or that brand's search) instead
// of only filling the box. Pages work without it; this only adds suggestions while typing.
// A plain file served from this origin, so the Content-Security-Policy needs no inline script.
const english = document.documentElement.lang === 'en';
const KINDS = english ? { enterprise: 'Enterprise', brand: 'Brand' } : { enterprise: '企业', brand: '品牌' };
const localized = (url) => (english && url.startsWith('/') ? `/en${url}` : url);

for (const input of document.querySelectorAll('input[data-suggest]')) {
  const list = input.list;
  if (!list) continue;
  let timer;
  let controller;
  // The suggestions last shown: text → where it leads.
  let targets = new Map();
  input.addEventListener('input', (event) => {
    // A pick from the list (the browser replaces the text) leads to what was picked.
    const picked = targets.get(input.value);
    if (picked && (event.inputType === 'insertReplacementText' || event.inputType === undefined)) {
      location.assign(localized(picked));
      return;
    }
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 1) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) return;
        const { suggestions } = await response.json();
        targets = new Map();
        for (const s of suggestions) if (!targets.has(s.text) || s.kind === 'enterprise') targets.set(s.text, s.url);
        list.replaceChildren(
          ...suggestions.map((s) => {
            const option = document.createElement('option');
            option.value = s.text;
            option.label = KINDS[s.kind] ?? '';
            return option;
          }),
        );
      } catch {
        // Offline or aborted: suggestions are optional.
      }
    }, 120);
  });
}

// Filters fold away on phones; a browser without ::details-content support gets them open on wide screens.
if (window.matchMedia('(min-width: 48.01rem)').matches) {
  for (const fold of document.querySelectorAll('details[data-fold]')) fold.open = true;
}
