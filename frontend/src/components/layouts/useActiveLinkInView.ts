import { useEffect, useState } from 'react';

/**
 * Keeps the current page's link visible in a side-scrolling bar (an instance's tabs on a phone): on load and
 * whenever `current` changes, the bar scrolls sideways so that link is in the middle. Only the bar scrolls,
 * never the page. Returns the ref to put on the element holding the links.
 */
export function useActiveLinkInView<T extends HTMLElement>(current: string): (element: T | null) => void {
  const [bar, setBar] = useState<T | null>(null);
  useEffect(() => {
    const link = bar?.querySelector<HTMLElement>('[aria-current="page"]');
    const scroller = link?.closest<HTMLElement>('ul') ?? bar;
    if (!link || !scroller || scroller.scrollWidth <= scroller.clientWidth) return;
    const box = scroller.getBoundingClientRect();
    const target = link.getBoundingClientRect();
    scroller.scrollLeft += target.left - box.left - (box.width - target.width) / 2;
  }, [bar, current]);
  return setBar;
}
