// Draws Packline's icon (a parcel on a blue tile) and writes every size the packagers want:
// assets/icons/<n>x<n>.png (16…1024; Linux uses the folder), icon.ico (Windows: PNG entries
// 16…256), icon.icns (macOS: PNG entries 16…1024), and badge.png (the Windows taskbar overlay
// for "packages waiting"). Plain node:zlib, no image library. Run: node scripts/make-icons.mjs
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const out = fileURLToPath(new URL('../assets/icons/', import.meta.url));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_TYPES = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
};

// ---------------------------------------------------------------- PNG
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- drawing
// Signed distance to a rounded rectangle centred at (cx, cy); negative inside.
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const TILE = [37, 99, 235]; // blue
const TILE_DARK = [29, 78, 216];
const PARCEL = [255, 255, 255];
const TAPE = [245, 158, 11]; // amber tape

/** Colour and coverage of the logo at (x, y) in 0..1. */
function logo(x, y) {
  if (roundedRect(x, y, 0.5, 0.5, 0.46, 0.46, 0.2) > 0) return null;
  const box = roundedRect(x, y, 0.5, 0.54, 0.26, 0.22, 0.04);
  if (box <= 0) {
    if (Math.abs(x - 0.5) < 0.06 && y < 0.54) return TAPE; // tape over the lid
    if (Math.abs(y - 0.42) < 0.012) return TILE_DARK; // the lid's edge
    return PARCEL;
  }
  return y > 0.5 ? TILE_DARK : TILE;
}

function badge(x, y) {
  return Math.hypot(x - 0.5, y - 0.5) <= 0.46 ? [220, 38, 38] : null;
}

function render(size, draw) {
  const samples = size >= 256 ? 3 : 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = draw((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return png(size, rgba);
}

// ---------------------------------------------------------------- ICO and ICNS
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

function icns(images) {
  const parts = images.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

mkdirSync(out, { recursive: true });
const pngs = new Map();
for (const size of SIZES) {
  const data = render(size, logo);
  pngs.set(size, data);
  writeFileSync(`${out}${size}x${size}.png`, data);
}
writeFileSync(`${out}icon.png`, pngs.get(1024));
writeFileSync(`${out}icon.ico`, ico(ICO_SIZES.map((size) => ({ size, data: pngs.get(size) }))));
writeFileSync(
  `${out}icon.icns`,
  icns(Object.entries(ICNS_TYPES).map(([size, type]) => ({ type, data: pngs.get(Number(size)) }))),
);
writeFileSync(`${out}badge.png`, render(32, badge));
console.log(`Packline: icons written to ${out}`);
