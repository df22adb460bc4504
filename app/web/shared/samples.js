// The samples the image studio and the data page open with, each fetched
// once per page load. The entry starts the one of the page it opens
// (routes.js), beside the page's code and its Go module, so that it has
// arrived, and the photo's preview has decoded, by the page's first
// render, which can then show the page's first result at once.

/** The sample photo's file name. */
export const samplePhotoName = 'landscape.jpg';

/**
 * A sample at url, read from its response by read and named what in
 * errors: [get, arrived]. get fetches it once per page load, again after
 * a failure; arrived is its value once it has arrived, else undefined.
 */
function sample(url, what, read) {
  let loading = null;
  let value;
  const get = () => {
    if (loading === null) {
      loading = fetch(url).then((r) => (r.ok ? read(r) : Promise.reject(new Error(`${what}: HTTP ${r.status}`))));
      loading.then(
        (v) => (value = v),
        () => (loading = null), // the next try fetches again
      );
    }
    return loading;
  };
  return [get, () => value];
}

/** The sample photo's Blob. */
export const [samplePhoto] = sample(`/samples/${samplePhotoName}`, 'the sample photo', (r) => r.blob());

/**
 * The sample photo scaled down to the preview's width (a 16th of its
 * bytes), what the image studio opens with: its first result, the preview,
 * needs no more, and the photo's download then does not share the link
 * with the module's.
 */
export const [samplePreview, samplePreviewArrived] = sample('/samples/landscape-preview.jpg', 'the sample photo', (r) => r.blob());

/** The sample CSV's text, and the text if it has arrived, else undefined. */
export const [sampleCSV, sampleCSVArrived] = sample('/samples/weather.csv', 'the sample', (r) => r.text());
