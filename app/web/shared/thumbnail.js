// The image studio's thumbnails: what its preview filters on the main
// thread. Shared with the entry (routes.js), which decodes the sample
// photo's before the page has rendered.

/** The preview's width in pixels. */
export const previewWidth = 360;

const thumbnails = new WeakMap(); // Blob or ImageData → the promise of its thumbnail
const decoded = new WeakMap(); // Blob or ImageData → its thumbnail, once decoded

/**
 * A Blob's image, or an ImageData, scaled by the browser to previewWidth
 * pixels wide, decoded once per Blob.
 */
export function thumbnail(source) {
  let thumb = thumbnails.get(source);
  if (thumb === undefined) {
    thumb = decodeThumbnail(source);
    thumbnails.set(source, thumb);
    thumb.then((image) => decoded.set(source, image), () => {}); // the caller reports it
  }
  return thumb;
}

/** The thumbnail of source if thumbnail(source) has decoded it, else undefined. */
export function thumbnailDecoded(source) {
  return decoded.get(source);
}

async function decodeThumbnail(source) {
  const bitmap = await createImageBitmap(source, { resizeWidth: previewWidth, resizeQuality: 'medium' });
  try {
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
