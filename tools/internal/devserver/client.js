// gowasm serve's live-reload client, injected into every page in
// development: reload when a build succeeds, show the error over the page
// when one fails.
const events = new EventSource('/__gowasm/events');
const build = new URL(import.meta.url).searchParams.get('build');
let overlay = null;

// On connecting, the server names its current build: a page from an older
// one (a rebuild finished while it loaded) reloads at once.
events.addEventListener('hello', (event) => {
  if (event.data !== build) location.reload();
});
events.addEventListener('reload', () => location.reload());

events.addEventListener('error', (event) => {
  if (typeof event.data !== 'string') return; // a connection error, not a build error
  overlay?.remove();
  overlay = document.createElement('div');
  overlay.id = 'gowasm-overlay';
  overlay.setAttribute('role', 'alert');
  Object.assign(overlay.style, {
    position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', padding: '2rem',
    background: 'rgba(24, 24, 28, 0.94)', color: '#ffb4b4', font: '14px/1.5 ui-monospace, monospace',
  });
  const title = document.createElement('h2');
  title.textContent = 'gowasm: the build failed';
  Object.assign(title.style, { color: '#fff', font: 'bold 18px system-ui, sans-serif', margin: '0 0 1rem' });
  const message = document.createElement('pre');
  message.textContent = event.data;
  message.style.whiteSpace = 'pre-wrap';
  const hint = document.createElement('p');
  hint.textContent = 'Fix the error and save: the page reloads when the build succeeds.';
  hint.style.color = '#aaa';
  overlay.append(title, message, hint);
  (document.body ?? document.documentElement).append(overlay);
});
