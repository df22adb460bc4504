// The demo's service worker: it only claims the page, so that the fixed-name
// service worker path (never cached, see nginx.conf) is exercised for real.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
