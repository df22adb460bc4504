// The floor of a worker round trip: a classic worker that sends each
// message back as it came, its buffers transferred as worker mode's are.
// BenchmarkWorkers times it beside a no-op call in worker mode, and times
// its start (new Worker to its first message) beside a pool's.
postMessage('hello');
onmessage = (e) => {
  const [id, , , args] = e.data;
  postMessage([id, args], [args.buffer]);
};
