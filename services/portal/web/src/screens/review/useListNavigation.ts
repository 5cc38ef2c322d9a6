import { useHotkeys } from '@mantine/hooks';
import { type KeyboardEvent, useRef } from 'react';

/**
 * j/k move the focus through a list's links from anywhere outside inputs, the arrow keys once the focus is in the
 * list (elsewhere they keep scrolling the page); Enter then opens the focused link, as any link.
 */
export function useListNavigation(count: number) {
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const move = (step: number) => {
    const current = links.current.findIndex((link) => link !== null && link === document.activeElement);
    const next =
      current === -1 ? (step > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, current + step));
    links.current[next]?.focus();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);
  return {
    itemRef: (index: number) => (element: HTMLAnchorElement | null) => {
      links.current[index] = element;
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    },
  };
}
