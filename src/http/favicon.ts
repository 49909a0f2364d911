/**
 * The icon browsers ask for at /favicon.ico: a small globe, drawn here as a 32x32 ICO (one 32-bit
 * bitmap), so the project ships no binary file and the browser's request is not a 404 in the logs.
 */
import type { RequestHandler } from 'express';

const SIZE = 32;
const GLOBE: [number, number, number] = [0x1f, 0x5f, 0x8f]; // RGB
const LINES: [number, number, number] = [0xe8, 0xf1, 0xf8];

/** The colour at (x, y), top-left origin, with alpha: a disc with a meridian, an equator and two parallels. */
function pixel(x: number, y: number): [number, number, number, number] {
  const c = (SIZE - 1) / 2;
  const dx = x - c;
  const dy = y - c;
  const r = Math.hypot(dx, dy);
  if (r > c + 0.5) return [0, 0, 0, 0];
  const onLine =
    Math.abs(r - c) < 1 || // rim
    Math.abs(dx) < 0.75 || // meridian
    Math.abs(dy) < 0.75 || // equator
    Math.abs(Math.abs(dy) - c * 0.55) < 0.6 || // parallels
    Math.abs(Math.hypot(dx / 0.5, dy) - c) < 1.2; // an inner meridian ellipse
  const [red, green, blue] = onLine ? LINES : GLOBE;
  return [red, green, blue, 0xff];
}

export function faviconIco(): Buffer {
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  const mask = Buffer.alloc((SIZE / 8) * SIZE); // all zero: the alpha channel decides
  const imageBytes = 40 + pixels.length + mask.length;
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(imageBytes, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  // BITMAPINFOHEADER; the height counts the image and its mask
  header.writeUInt32LE(40, 22);
  header.writeInt32LE(SIZE, 26);
  header.writeInt32LE(SIZE * 2, 30);
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  // rows bottom-up, each pixel blue, green, red, alpha
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x, SIZE - 1 - y);
      pixels.set([b, g, r, a], (y * SIZE + x) * 4);
    }
  return Buffer.concat([header, pixels, mask]);
}

export function favicon(): RequestHandler {
  const icon = faviconIco();
  return (_req, res) => {
    res.type('image/x-icon').set('cache-control', 'public, max-age=604800').send(icon);
  };
}
