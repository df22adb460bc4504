import { load } from '@gowasm/bridge';
import hello from 'gowasm:hello';
import helloWasm from 'gowasm:hello.wasm';

const api = await load(hello, { wasm: helloWasm });
const { shout } = await import('./lazy.js'); // a separate, hashed chunk
document.getElementById('out').textContent = shout(api.greet('build'));
document.body.dataset.ready = 'true';
