// The Vue page: the file hasher and the data tool written in Vue 3, with
// useGo from @gowasm/bridge/vue, over the same Go modules as the React
// app. Components use render functions: the runtime-only build of Vue
// compiles no templates, so the page needs no 'unsafe-eval' in its CSP.
import { computed, createApp, defineComponent, h, onMounted, onUnmounted, ref, watch } from 'vue';
import { useGo } from '@gowasm/bridge/vue';
import { bytes, failure, number, rate } from '../shared/format.js';
import { hashingHere, hashingPool, tabularWorker } from '../shared/modules.js';
import { sampleCSV } from '../shared/samples.js';
import { markFirstResult } from '../shared/timing.js';

function moduleStatus(name, { status, progress, error }) {
  if (status.value === 'ready') return h('p', { class: 'module ready', role: 'status' }, `${name}.wasm is running.`);
  if (status.value === 'error') return h('p', { class: 'module error', role: 'alert' }, `${name}.wasm could not start: ${failure(error.value)}`);
  const p = progress.value;
  return h('p', { class: 'module', role: 'status' }, [
    `Loading ${name}.wasm${p?.total ? ` (${bytes(p.loaded)} of ${bytes(p.total)})` : ''}… `,
    h('progress', { max: p?.total || 1, value: p?.total ? p.loaded : undefined }),
  ]);
}

let nextId = 1;

const encoder = new TextEncoder();

// The SHA-256 of the text typed in it, computed by Go on this thread as it
// changes: the module runs here too, started beside the pool from the one
// compiled module, and answers first.
const TextDigest = defineComponent({
  setup() {
    const go = useGo(...hashingHere);
    const text = ref('The quick brown fox jumps over the lazy dog');
    const digest = computed(() => {
      if (go.status.value !== 'ready') return null;
      try {
        return go.api.value.sum(encoder.encode(text.value), 'sha256');
      } catch (err) {
        return { error: failure(err) }; // the next change runs a fresh instance
      }
    });
    // On screen once rendered: at mount when the instance the entry
    // preloaded was ready at setup, else after the render that shows it.
    const shown = () => typeof digest.value === 'string' && markFirstResult();
    onMounted(shown);
    watch(digest, shown, { flush: 'post' });
    return () =>
      h('div', { class: 'panel text-digest' }, [
        h('label', { for: 'vue-text' }, 'Text'),
        h('input', { id: 'vue-text', type: 'text', value: text.value, spellcheck: false, onInput: (e) => (text.value = e.target.value) }),
        h('p', ['SHA-256 ', h('output', { class: 'mono', for: 'vue-text', 'data-digest': 'text' }, typeof digest.value === 'string' ? digest.value : '…')]),
        digest.value?.error && h('p', { role: 'alert' }, digest.value.error),
      ]);
  },
});

const Hasher = defineComponent({
  setup() {
    const go = useGo(...hashingPool);
    const jobs = ref([]);
    const controllers = new Map();
    onUnmounted(() => controllers.forEach((c) => c.abort()));

    async function hash(file) {
      const job = { id: nextId++, file, state: 'hashing', done: 0, ms: 0, digests: null, error: '' };
      jobs.value.push(job);
      const j = jobs.value[jobs.value.length - 1]; // the reactive proxy
      const controller = new AbortController();
      controllers.set(j.id, controller);
      const started = performance.now();
      try {
        j.digests = await go.api.value.hashFile(
          file,
          ['sha256', 'sha512'],
          (done) => {
            j.done = Number(done);
            j.ms = performance.now() - started;
          },
          { signal: controller.signal, throttle: 100 },
        );
        j.ms = performance.now() - started;
        j.done = file.size;
        j.state = 'done';
      } catch (err) {
        j.state = 'failed';
        j.error = failure(err);
      } finally {
        controllers.delete(j.id);
      }
    }

    return () =>
      h('section', { class: 'panel', 'aria-labelledby': 'hasher' }, [
        h('h2', { id: 'hasher' }, 'File hasher'),
        moduleStatus('hashing', go),
        h(TextDigest),
        h('div', { class: 'drop' }, [
          h('label', { for: 'vue-files' }, 'Choose files to hash (SHA-256 and SHA-512)'),
          h('input', {
            id: 'vue-files',
            type: 'file',
            multiple: true,
            disabled: go.status.value !== 'ready',
            onChange: (e) => {
              for (const f of Array.from(e.target.files)) hash(f);
              e.target.value = '';
            },
          }),
        ]),
        h(
          'ul',
          { class: 'jobs', 'aria-live': 'polite' },
          jobs.value.map((j) =>
            h('li', { class: 'job', key: j.id, 'data-state': j.state }, [
              h('div', { class: 'job-head' }, [
                h('strong', { class: 'name' }, j.file.name),
                h('span', { class: 'muted' }, bytes(j.file.size)),
                j.state === 'hashing' &&
                  h('button', { type: 'button', onClick: () => controllers.get(j.id)?.abort() }, ['Cancel', h('span', { class: 'visually-hidden' }, ` hashing ${j.file.name}`)]),
              ]),
              j.state === 'hashing' && h('label', { class: 'job-progress' }, [h('progress', { max: j.file.size || 1, value: j.done }), ` ${bytes(j.done)} · ${rate(j.done, j.ms)}`]),
              j.state === 'done' &&
                h('dl', { class: 'digests' }, [
                  ...['sha256', 'sha512'].map((a) => h('div', [h('dt', a.toUpperCase().replace('SHA', 'SHA-')), h('dd', [h('output', { class: 'mono', 'data-algorithm': a }, j.digests[a])])])),
                  h('div', [h('dt', 'Speed'), h('dd', rate(j.file.size, j.ms))]),
                ]),
              j.state === 'failed' && h('p', { role: 'alert' }, j.error),
            ]),
          ),
        ),
      ]);
  },
});

const quantileNames = ['5%', '25%', '50%', '75%', '95%'];

// The data tool's module starts to download once the hasher's has
// started, ready or not: the page's first result, a digest, needs the
// hasher's alone, which then has the link and the cores to itself (see
// README, "Start-up").
const DataSection = defineComponent({
  setup() {
    const hasher = useGo(...hashingHere);
    const started = ref(false);
    watch(hasher.status, (s) => s !== 'loading' && (started.value = true), { immediate: true });
    return () =>
      started.value
        ? h(DataTool)
        : h('section', { class: 'panel', 'aria-labelledby': 'data' }, [
            h('h2', { id: 'data' }, 'Data'),
            h('p', { class: 'module', role: 'status' }, 'tabular.wasm loads once hashing.wasm has started…'),
          ]);
  },
});

const DataTool = defineComponent({
  setup() {
    const go = useGo(...tabularWorker);
    const csv = ref('');
    const table = ref(null);
    const error = ref('');
    const busy = ref(false);

    async function analyze() {
      busy.value = true;
      error.value = '';
      try {
        table.value = await go.api.value.analyze(csv.value);
      } catch (err) {
        table.value = null;
        error.value = failure(err);
      } finally {
        busy.value = false;
      }
    }

    const ready = () => go.status.value === 'ready';
    return () =>
      h('section', { class: 'panel', 'aria-labelledby': 'data' }, [
        h('h2', { id: 'data' }, 'Data'),
        moduleStatus('tabular', go),
        h('label', { for: 'vue-csv' }, 'CSV (the first row names the columns)'),
        h('textarea', { id: 'vue-csv', rows: 8, spellcheck: false, value: csv.value, onInput: (e) => (csv.value = e.target.value) }),
        h('div', { class: 'actions' }, [
          h('button', { type: 'button', disabled: !ready() || busy.value || csv.value === '', onClick: analyze }, 'Analyze'),
          h(
            'button',
            {
              type: 'button',
              disabled: !ready() || busy.value,
              onClick: async () => {
                try {
                  csv.value = await sampleCSV();
                } catch (err) {
                  error.value = failure(err);
                  return;
                }
                analyze();
              },
            },
            'Load the sample',
          ),
        ]),
        h('div', { 'aria-live': 'polite', 'aria-busy': busy.value }, [
          error.value && h('p', { role: 'alert' }, error.value),
          table.value && statsTable(table.value),
        ]),
      ]);
  },
});

function statsTable(table) {
  const head = ['Column', 'Count', 'Missing', 'Mean', 'Std dev', 'Min', ...quantileNames, 'Max'];
  return h('div', [
    h('p', { class: 'summary' }, `${table.rows} rows, ${table.columns.length} columns.`),
    h('div', { class: 'scroll' }, [
      h('table', { class: 'stats' }, [
        h('thead', [h('tr', head.map((x) => h('th', { scope: 'col' }, x)))]),
        h(
          'tbody',
          table.columns.map((c) =>
            h('tr', { key: c.name, 'data-column': c.name }, [
              h('th', { scope: 'row' }, c.name),
              h('td', c.count),
              h('td', c.missing),
              ...(c.numeric
                ? [
                    h('td', { 'data-stat': 'mean', 'data-value': c.mean }, number(c.mean)),
                    h('td', { 'data-stat': 'stdDev', 'data-value': c.stdDev }, number(c.stdDev)),
                    h('td', { 'data-stat': 'min', 'data-value': c.min }, number(c.min)),
                    ...Array.from(c.quantiles, (q, i) => h('td', { 'data-stat': `q${i}`, 'data-value': q }, number(q))),
                    h('td', { 'data-stat': 'max', 'data-value': c.max }, number(c.max)),
                  ]
                : [h('td', { colspan: 9, class: 'muted' }, 'text')]),
            ]),
          ),
        ),
      ]),
    ]),
  ]);
}

const App = defineComponent({
  setup() {
    document.title = 'Vue · gowasm';
    return () => [
      h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
      h('header', { class: 'top' }, [
        h('a', { href: '/', class: 'brand' }, 'gowasm'),
        h('nav', { 'aria-label': 'Tools' }, [
          h('a', { href: '/image' }, 'Image'),
          h('a', { href: '/hash' }, 'Hash'),
          h('a', { href: '/data' }, 'Data'),
          h('a', { href: '/bench' }, 'Bench'),
          h('a', { href: '/vue/', 'aria-current': 'page' }, 'Vue'),
          h('a', { href: '/goapp/' }, 'Go'),
        ]),
      ]),
      h('main', { id: 'main' }, [
        h('h1', 'The tools in Vue'),
        h('p', { class: 'lead' }, 'The same Go modules as the React pages, loaded with useGo from @gowasm/bridge/vue.'),
        h(Hasher),
        h(DataSection),
      ]),
      h('footer', { class: 'muted' }, 'Everything here runs in your browser: Go compiled to WebAssembly. Nothing is uploaded.'),
    ];
  },
});

createApp(App).mount('#root');
