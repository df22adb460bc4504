// A History API router in a few lines: the app's pages are a handful of
// paths, which nginx's SPA fallback (and gowasm serve) answer with
// index.html, so deep links and reloads work.
import { createElement, useSyncExternalStore } from 'react';

const listeners = new Set();

function subscribe(listener) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The current path, re-rendering the component when it changes. */
export function usePath() {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** Goes to path as a link would, without reloading the page. */
export function navigate(path) {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/**
 * An <a> that navigates in the page: a plain link to crawlers, to the
 * keyboard and to modified clicks (new tab), which it leaves alone.
 */
export function Link({ to, children, ...rest }) {
  const current = usePath() === to;
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return createElement('a', { href: to, onClick, 'aria-current': current ? 'page' : undefined, ...rest }, children);
}
