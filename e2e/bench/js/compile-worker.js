// Compiles the module at the URL it is sent and sends back the
// WebAssembly.Module, which a postMessage shares rather than copies, or
// the error's text (compile-where.js).
onmessage = async (e) => {
  try {
    postMessage(await WebAssembly.compileStreaming(fetch(e.data)));
  } catch (err) {
    postMessage(String(err));
  }
};
