// Draws the app icon (resources/icon.png, 512x512 RGBA): three stacked server slabs, the middle one moving
// right, on a rounded blue square. Run `node scripts/make-icon.mjs` after changing the drawing; commit the PNG.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4

/** Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and radius r. */
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
  return outside + Math.min(Math.max(qx, qy), 0) - r
}

const slabs = [
  { cx: 256, cy: 168, hw: 150, hh: 38 },
  { cx: 296, cy: 256, hw: 150, hh: 38 },
  { cx: 256, cy: 344, hw: 150, hh: 38 }
]

/** Colour of one sample point as [r, g, b, a] in 0..1. */
function shade(x, y) {
  if (roundedBox(x, y, 256, 256, 240, 240, 96) > 0) return [0, 0, 0, 0]
  const t = (x + y) / (2 * SIZE)
  const background = [0.12 + 0.02 * t, 0.53 - 0.2 * t, 0.9 - 0.25 * t, 1]
  for (const [index, slab] of slabs.entries()) {
    if (roundedBox(x, y, slab.cx, slab.cy, slab.hw, slab.hh, 20) <= 0) {
      // A status light on each slab; the moving one glows amber.
      const light = Math.hypot(x - (slab.cx + slab.hw - 40), y - slab.cy) <= 14
      if (light) return index === 1 ? [1, 0.72, 0.18, 1] : [0.3, 0.8, 0.45, 1]
      return [0.97, 0.98, 1, 1]
    }
  }
  return background
}

function pixels() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1)
    raw[row] = 0
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0]
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = shade(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)
          sum[0] += r * a
          sum[1] += g * a
          sum[2] += b * a
          sum[3] += a
        }
      }
      const alpha = sum[3] / (SAMPLES * SAMPLES)
      const offset = row + 1 + x * 4
      for (let c = 0; c < 3; c++) raw[offset + c] = alpha > 0 ? Math.round((sum[c] / sum[3]) * 255) : 0
      raw[offset + 3] = Math.round(alpha * 255)
    }
  }
  return raw
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])

const target = resolve(import.meta.dirname, '../resources/icon.png')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, png)
console.log(`make-icon: wrote ${target} (${png.length} bytes)`)
