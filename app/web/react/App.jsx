// The React app: a header with the tools, and the page for the path.
// Pages are loaded when first visited, each with the Go modules it uses
// (routes.js); pointing at a link starts loading both.
import { createElement, lazy, Suspense, useEffect, useRef } from 'react';
import { Link, usePath } from './router.js';
import { preloadRoute, routePath } from '../routes.js';

const pages = {
  '/': page('/', 'Go in your browser'),
  '/image': page('/image', 'Image studio'),
  '/hash': page('/hash', 'File hasher'),
  '/data': page('/data', 'Data'),
  '/bench': page('/bench', 'Benchmarks'),
};

/**
 * The page at path, whose code is loaded on first use. Once loaded it
 * renders at once: only a page not yet loaded suspends, because React
 * holds a Suspense boundary's fallback for at least 300 ms once shown.
 */
function page(path, title) {
  let Component = null;
  const load = () => preloadRoute(path).then((m) => (Component = m.default));
  const Lazy = lazy(() => load().then(() => ({ default: Component })));
  const Page = (props) => createElement(Component ?? Lazy, props);
  return { title, Page, load };
}

/** Loads the page at path and starts its Go modules; never rejects (the page's render reports a failure). */
export function preloadPage(path) {
  return pages[routePath(path)]?.load().catch(() => {});
}

const notFound = { title: 'Not found', Page: NotFound };

export function App() {
  const path = usePath();
  const { title, Page } = pages[routePath(path)] ?? notFound;
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} · gowasm`;
    // After a navigation, focus goes to the new page's heading, so that
    // keyboard and screen-reader users start there.
    if (document.activeElement?.closest('nav')) heading.current?.focus();
  }, [title]);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <Link to="/" className="brand">gowasm</Link>
        <nav aria-label="Tools">
          <PageLink to="/image">Image</PageLink>
          <PageLink to="/hash">Hash</PageLink>
          <PageLink to="/data">Data</PageLink>
          <PageLink to="/bench">Bench</PageLink>
          <a href="/vue/">Vue</a>
          <a href="/goapp/">Go</a>
        </nav>
      </header>
      <main id="main">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        <Suspense fallback={<p className="muted" role="status">Loading the page…</p>}>
          <Page />
        </Suspense>
      </main>
      <footer className="muted">
        Everything here runs in your browser: Go compiled to WebAssembly, called through @gowasm/bridge. Nothing is uploaded.
      </footer>
    </>
  );
}

/** A link to a page of the app that starts loading it when pointed at or focused. */
function PageLink({ to, children }) {
  return (
    <Link to={to} onPointerEnter={() => preloadPage(to)} onFocus={() => preloadPage(to)}>
      {children}
    </Link>
  );
}

function NotFound() {
  return (
    <p>
      Nothing lives at this address. Try the <Link to="/">start page</Link>.
    </p>
  );
}
