import { useSearchParams } from 'react-router';
import { windowFromSearch, windowToSearch, type TimeWindow } from './time-window';

/** The dashboard's window lives in the URL: a reload, a shared link or the back button keeps it. */
export function useTimeWindow(): [TimeWindow, (window: TimeWindow) => void] {
  const [params, setParams] = useSearchParams();
  const window = windowFromSearch(params);
  const setWindow = (next: TimeWindow) =>
    setParams((current) => {
      const search = windowToSearch(current, next);
      // A different window shows different rows: back to the first page.
      search.delete('offset');
      return search;
    });
  return [window, setWindow];
}
