import type { DateChoice, ResultsView, SortOrder } from '../src/web/view-models.ts';
import { formatDate, searchUrl, type SearchState } from './format.ts';
import { boosted } from './pagination.tsx';

const CHOICE_LABEL: Record<DateChoice['span'], string> = { week: 'آخر أسبوع', month: 'آخر شهر', year: 'آخر سنة' };
const SORT_LABEL: Record<SortOrder, string> = { relevance: 'الأكثر صلة', newest: 'الأحدث', oldest: 'الأقدم' };

/**
 * The date range: two date inputs of the search form (a GET without JavaScript; htmx sends the form
 * on "تطبيق"), the Hijri dates beside, and ranges up to the newest article as links.
 */
export function DateFilter({ result, state }: { result: ResultsView; state: SearchState }) {
  const { from, to } = result.range;
  const hijri = (date: string | null) => formatDate(date)?.hijri ?? '…';
  const isChosen = (choice: DateChoice) => choice.from === from && choice.to === to;
  return (
    <section class="facet date-filter" aria-labelledby="date-filter-title">
      <h2 id="date-filter-title">التاريخ</h2>
      <div class="date-inputs">
        <label>
          من
          <input type="date" name="from" form="search-form" value={from ?? ''} max={to ?? undefined} />
        </label>
        <label>
          إلى
          <input type="date" name="to" form="search-form" value={to ?? ''} min={from ?? undefined} />
        </label>
        <button type="submit" form="search-form" class="apply">
          تطبيق
        </button>
      </div>
      {from || to ? (
        <p class="hijri-range">
          بالهجري: <span class="hijri">{hijri(from)}</span> – <span class="hijri">{hijri(to)}</span>
        </p>
      ) : null}
      <ul class="date-choices" {...boosted}>
        {result.dateChoices.map((choice) => (
          <li>
            <a href={searchUrl({ ...state, page: 1, from: choice.from, to: choice.to })} aria-current={isChosen(choice) ? 'true' : undefined}>
              {CHOICE_LABEL[choice.span]}
            </a>
          </li>
        ))}
        {from || to ? (
          <li>
            <a href={searchUrl({ ...state, page: 1, from: null, to: null })}>كل التواريخ</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** Relevance, newest or oldest first, as links (they work without JavaScript and keep the URL the state). */
export function SortChoice({ result, state }: { result: ResultsView; state: SearchState }) {
  // Without words there is no relevance: the list is newest first unless oldest is asked.
  const orders: SortOrder[] = result.query.trim() === '' ? ['newest', 'oldest'] : ['relevance', 'newest', 'oldest'];
  const current: SortOrder = result.query.trim() === '' && result.sort === 'relevance' ? 'newest' : result.sort;
  return (
    <nav class="sort-choice" aria-label="ترتيب النتائج" {...boosted}>
      <span class="sort-label">الترتيب:</span>
      <ul>
        {orders.map((order) => (
          <li>{order === current ? <span aria-current="true">{SORT_LABEL[order]}</span> : <a href={searchUrl({ ...state, page: 1, sort: order })}>{SORT_LABEL[order]}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}
