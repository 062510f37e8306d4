import type { SearchState } from './format.ts';

/**
 * A plain GET form: it works without JavaScript. htmx upgrades it: typing searches after a pause
 * and replaces the URL, submitting pushes a history entry. Each newer request replaces the one in
 * flight (`hx-sync`), so a slow answer never overwrites a newer one.
 */
export function SearchForm({ state, autofocus = false }: { state: SearchState; autofocus?: boolean }) {
  return (
    <form id="search-form" class="search-form" action="/search" method="get" role="search" hx-get="/search" hx-target="#results" hx-push-url="true" hx-sync="this:replace" hx-indicator="#search-form">
      <label for="q" class="search-label">
        ابحث في الأرشيف
      </label>
      <div class="search-row">
        <input
          id="q"
          name="q"
          type="search"
          value={state.q}
          dir="auto"
          autocomplete="off"
          spellcheck={false}
          enterkeyhint="search"
          placeholder="مثال: حفتر، المخابرات، «شرق المتوسط»"
          aria-describedby="search-help"
          autofocus={autofocus}
          hx-get="/search"
          hx-trigger="input changed delay:250ms"
          hx-target="#results"
          hx-include="#search-form"
          hx-replace-url="true"
          hx-sync="#search-form:replace"
          hx-indicator="#search-form"
        />
        <button type="submit">بحث</button>
        <span class="spinner" aria-hidden="true"></span>
      </div>
      <p id="search-help" class="search-help">
        تظهر المقالات التي تضم كل الكلمات. عبارة بين علامتي تنصيص <kbd>«…»</kbd> أو <kbd>"…"</kbd> تعني الكلمات كما كُتبت ومتتالية، و<kbd>OR</kbd> بين كلمتين أو عبارتين يكفي أيٌّ منهما، و<kbd>-كلمة</kbd>{' '}
        تستبعد كلمة. اضغط <kbd>/</kbd> للوصول إلى خانة البحث.
      </p>
    </form>
  );
}

/**
 * The active filters as inputs of the search form. They live in the results fragment (tied to the
 * form by its id), so every swap brings the filters of the current results with it.
 */
export function FilterInputs({ state }: { state: SearchState }) {
  return (
    <div hidden>
      {state.regions.map((id) => (
        <input type="hidden" form="search-form" name="region" value={id} />
      ))}
      {state.actors.map((id) => (
        <input type="hidden" form="search-form" name="actor" value={id} />
      ))}
      {(state.sources ?? []).map((id) => (
        <input type="hidden" form="search-form" name="source" value={id} />
      ))}
      {(state.with ?? []).map((id) => (
        <input type="hidden" form="search-form" name="with" value={id} />
      ))}
      {state.sort && state.sort !== 'relevance' ? <input type="hidden" form="search-form" name="sort" value={state.sort} /> : null}
    </div>
  );
}
