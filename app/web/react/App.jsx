// The React app: a header with the tools, and the page for the path.
// Pages are loaded when first visited, each with the Go modules it uses.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, usePath } from './router.js';

const pages = {
  '/': { title: 'Go in your browser', Page: lazy(() => import('./pages/Home.jsx')) },
  '/image': { title: 'Image studio', Page: lazy(() => import('./pages/Image.jsx')) },
  '/hash': { title: 'File hasher', Page: lazy(() => import('./pages/Hash.jsx')) },
  '/data': { title: 'Data', Page: lazy(() => import('./pages/Data.jsx')) },
  '/bench': { title: 'Benchmarks', Page: lazy(() => import('./pages/Bench.jsx')) },
};

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
          <Link to="/image">Image</Link>
          <Link to="/hash">Hash</Link>
          <Link to="/data">Data</Link>
          <Link to="/bench">Bench</Link>
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

function NotFound() {
  return (
    <p>
      Nothing lives at this address. Try the <Link to="/">start page</Link>.
    </p>
  );
}
