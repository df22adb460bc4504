// The Vue page of e2e/frameworks: useGo from @gowasm/bridge/vue in
// components written with render functions (no .vue files). Two
// components share one worker-mode load; a third loads the module inline,
// its options given as a getter.
import { install, input, probe } from '../probe.js';
import { createApp, defineComponent, h, onMounted, onUnmounted, ref, watch } from 'vue';
import { useGo } from '@gowasm/bridge/vue';
import compute from 'gowasm:compute';
import computeWasm, { size } from 'gowasm:compute.wasm';

function details(error, progress) {
  return [
    h('span', { class: 'progress' }, progress ? `${progress.loaded}/${progress.total}` : ''),
    h('span', { class: 'error' }, error ? `${error.name}: ${error.message}` : ''),
  ];
}

const WorkerHash = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    const { api, status, error, progress } = useGo(compute, { wasm: computeWasm, size, mode: 'worker' });
    const hex = ref('');
    watch(
      api,
      (a) => {
        if (a === null) return;
        probe.saw('worker', a);
        a.sha256Hex(input).then(
          (h) => (hex.value = h),
          (err) => (hex.value = `${err.name}: ${err.message}`),
        );
      },
      { immediate: true },
    );
    return () => h('section', { id: props.id, 'data-status': status.value }, [h('output', { class: 'sha' }, hex.value), ...details(error.value, progress.value)]);
  },
});

const InlineHash = defineComponent({
  setup() {
    const { api, status, error, progress } = useGo(compute, () => ({ wasm: computeWasm, size }));
    watch(api, (a) => a !== null && probe.saw('inline', a), { immediate: true });
    return () =>
      h('section', { id: 'inline', 'data-status': status.value }, [
        h('output', { class: 'sha' }, api.value === null ? '' : api.value.sha256Hex(input)),
        ...details(error.value, progress.value),
      ]);
  },
});

const users = ref(2);

const App = defineComponent({
  setup() {
    onMounted(() => probe.mounts++);
    onUnmounted(() => probe.unmounts++);
    return () =>
      h('main', [h(InlineHash), ...['worker-a', 'worker-b'].slice(0, users.value).map((id) => h(WorkerHash, { key: id, id }))]);
  },
});

const app = createApp(App);
app.mount('#app');
install({ setUsers: (n) => (users.value = n), unmount: () => app.unmount() });
