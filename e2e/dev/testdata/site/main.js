import { load } from '@gowasm/bridge';
import hello from 'gowasm:hello';
import helloWasm from 'gowasm:hello.wasm';

const api = await load(hello, { wasm: helloWasm });
document.getElementById('out').textContent = api.greet('reload');
