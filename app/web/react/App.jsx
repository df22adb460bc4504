// The React app: a header with the tools, and the page for the path.
// Pages are loaded when first visited, each with the Go modules it uses;
// pointing at a link starts loading both.
import { createElement, lazy, Suspense, useEffect, useRef } from 'react';
import { Link, usePath } from './router.js';
import { preloadModules } from '../routes.js';

const pages = {
  '/': page('Go in your browser', () => import('./pages/Home.jsx')),
  '/image': page('Image studio', () => import('./pages/Image.jsx')),
  '/hash': page('File hasher', () => import('./pages/Hash.jsx')),
  '/data': page('Data', () => import('./pages/Data.jsx')),
  '/bench': page('Benchmarks', () => import('./pages/Bench.jsx')),
};

/**
 * A page whose code is loaded on first use. Once loaded it renders at
 * once: only a page not yet loaded suspends, because React holds a
 * Suspense boundary's fallback for at least 300 ms once it has shown it.
 */
function page(title, load) {
  let Component = null;
  let loading = null;
  const preload = () =>
    (loading ??= load().then(
      (m) => (Component = m.default),
      (err) => {
        loading = null; // a later visit tries again
        throw err;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: Component })));
  const Page = (props) => createElement(Component ?? Lazy, props);
  return { title, Page, preload };
}

/** Starts loading the page at path and its Go modules. */
export function preloadPage(path) {
  preloadModules(path);
  return pages[path.replace(/(.)\/$/, '$1')]?.preload().catch(() => {}); // the page's render reports it
}

const notFound = { title: 'Not found', Page: NotFound };

export function App() {
  const path = usePath();
  const { title, Page } = pages[path.replace(/(.)\/$/, '$1')] ?? notFound;
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
