// Where a page's Go module stands: its download, or why it failed.
import { bytes, failure } from '../../shared/format.js';

export function ModuleStatus({ name, state, workers }) {
  const { status, progress, error } = state;
  if (status === 'ready') {
    return <p className="module ready" role="status">{name}.wasm is running{workers ? ` in ${workers} workers` : ''}.</p>;
  }
  if (status === 'error') {
    return (
      <p className="module error" role="alert">
        {name}.wasm could not start: {failure(error)}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p className="module" role="status">
      <label>
        Loading {name}.wasm{progress?.total ? ` (${bytes(progress.loaded)} of ${bytes(progress.total)})` : ''}…{' '}
        <progress max={progress?.total || 1} value={progress?.total ? progress.loaded : undefined} />
      </label>
    </p>
  );
}
