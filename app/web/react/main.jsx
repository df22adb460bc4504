import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App.jsx';

// The first page's code is loaded before the first render, so that it
// renders at once instead of after a Suspense fallback.
await preloadPage(location.pathname);

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
