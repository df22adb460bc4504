// The samples the image studio and the data page open with, each fetched
// once per page load. The entry starts the one of the page it opens
// (routes.js), beside the page's code and its Go module, so that it has
// arrived, and the photo's thumbnail has decoded, by the page's first
// render, which can then show the page's first result at once.

/** The sample photo's file name. */
export const samplePhotoName = 'landscape.jpg';

let photo = null;
let photoBlob; // the sample photo once it has arrived

/** The sample photo's Blob. */
export function samplePhoto() {
  if (photo === null) {
    photo = fetch(`/samples/${samplePhotoName}`).then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`the sample photo: HTTP ${r.status}`))));
    photo.then(
      (blob) => (photoBlob = blob),
      () => (photo = null), // the next try fetches again
    );
  }
  return photo;
}

/** The sample photo's Blob if it has arrived, else undefined. */
export function samplePhotoArrived() {
  return photoBlob;
}

let csv = null;
let csvText; // the sample CSV once it has arrived

/** The sample CSV's text. */
export function sampleCSV() {
  if (csv === null) {
    csv = fetch('/samples/weather.csv').then((r) => {
      if (!r.ok) throw new Error(`the sample: HTTP ${r.status}`);
      return r.text();
    });
    csv.then(
      (text) => (csvText = text),
      () => (csv = null), // the next try fetches again
    );
  }
  return csv;
}

/** The sample CSV's text if it has arrived, else undefined. */
export function sampleCSVArrived() {
  return csvText;
}
