// Draws images/icon.png (128×128 RGBA): a white shield on a Kubernetes-blue tile,
// with a blue ship's wheel (the Kubernetes helm) inside it and a green check.
// No image library: shapes are tested per sample, 4×4 supersampled for smooth
// edges, and written as a PNG with node:zlib.   Usage: node scripts/gen-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per pixel per axis

const BLUE = [50, 108, 229]; // #326CE5
const DARK = [28, 62, 150];
const WHITE = [255, 255, 255];
const GREEN = [34, 170, 98];

// --- shapes (coordinates in pixels, y down) ---------------------------------
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
/** Shield: flat top with rounded corners, straight sides, curved sides meeting in a point. */
function shield(x, y, inset = 0) {
  const cx = 64,
    top = 18 + inset,
    mid = 62,
    bottom = 114 - inset * 1.3,
    half = 38 - inset;
  if (y < top || y > bottom) return false;
  if (y <= mid) return roundedRect(x, y, cx - half, top, cx + half, mid + 20, 10 - inset / 2);
  const t = (y - mid) / (bottom - mid);
  const w = half * (1 - t ** 1.8);
  return Math.abs(x - cx) <= w;
}
const WHEEL = { cx: 64, cy: 60, r: 22 };
function wheel(x, y) {
  const dx = x - WHEEL.cx,
    dy = y - WHEEL.cy,
    d = Math.hypot(dx, dy);
  // heptagon ring: distance to the heptagon's edge in the direction of the sample
  const a = Math.atan2(dy, dx) + Math.PI / 2;
  const sector = (2 * Math.PI) / 7;
  const local = (((a % sector) + sector) % sector) - sector / 2;
  const edge = (WHEEL.r * Math.cos(Math.PI / 7)) / Math.cos(local);
  if (d <= edge && d >= edge - 5) return true;
  if (d <= 6.5) return true; // hub
  // seven spokes, the first pointing up, reaching out past the ring as handles
  for (let i = 0; i < 7; i++) {
    const ang = -Math.PI / 2 + i * sector;
    const ux = Math.cos(ang),
      uy = Math.sin(ang);
    const along = dx * ux + dy * uy,
      across = Math.abs(-dx * uy + dy * ux);
    if (along > 0 && along < WHEEL.r + 7 && across <= (along > WHEEL.r ? 3 : 2.2)) return true;
  }
  return false;
}
function check(x, y) {
  // two thick strokes: (50,92)→(60,102)→(80,80)
  const seg = (ax, ay, bx, by, w) => {
    const vx = bx - ax,
      vy = by - ay,
      t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    return Math.hypot(x - (ax + t * vx), y - (ay + t * vy)) <= w;
  };
  return seg(53, 93, 61, 101, 4.2) || seg(61, 101, 77, 85, 4.2);
}

/** Colour of one sample, or null for transparent. */
function sample(x, y) {
  if (!roundedRect(x, y, 4, 4, 124, 124, 22)) return null;
  if (check(x, y)) return GREEN;
  if (shield(x, y, 5)) return wheel(x, y) ? BLUE : WHITE;
  if (shield(x, y)) return WHITE;
  // a darker diagonal band behind the shield gives the tile some depth
  return x + y > 150 ? DARK.map((c, i) => Math.round(c + (BLUE[i] - c) * 0.35)) : BLUE;
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
    }
    const o = (py * SIZE + px) * 4;
    if (a) {
      rgba[o] = Math.round(r / a);
      rgba[o + 1] = Math.round(g / a);
      rgba[o + 2] = Math.round(b / a);
    }
    rgba[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

// --- PNG encoding -------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter 0 per row
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'images', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out)} (${png.length} bytes)`);
