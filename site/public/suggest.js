// Search-as-you-type: fills the search box's <datalist> with enterprise and brand names from
// /api/v1/suggest. Pages work without it; this only adds suggestions while typing.
// A plain file served from this origin, so the Content-Security-Policy needs no inline script.
for (const input of document.querySelectorAll('input[data-suggest]')) {
  const list = input.list;
  if (!list) continue;
  let timer;
  let controller;
  input.addEventListener('input', () => {
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
        list.replaceChildren(
          ...suggestions.map((s) => {
            const option = document.createElement('option');
            option.value = s.text;
            return option;
          }),
        );
      } catch {
        // Offline or aborted: suggestions are optional.
      }
    }, 120);
  });
}
