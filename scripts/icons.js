// Draws the app icon: an RGB colour cube seen from its white corner, each visible face cut
// into a lattice of cells (a 3D LUT's grid), on a dark rounded square. Writes
// resources/icon.svg, resources/icon.png (1024 px, which electron-builder turns into .icns
// and .ico) and resources/icons/<n>x<n>.png (the Linux icon set).
//   node scripts/icons.js
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';

const SIZE = 1024;
const CELLS = 5;
const centre = [512, 512];
const edge = 320;
// Isometric axes: red to the right, blue to the left, green up.
const axes = { r: [edge * Math.cos(Math.PI / 6), edge * 0.5], b: [-edge * Math.cos(Math.PI / 6), edge * 0.5], g: [0, -edge] };

function point(r, g, b) {
  // The cube is centred on its middle, so the white corner (1,1,1) lands at the centre.
  const u = r - 0.5,
    v = g - 0.5,
    w = b - 0.5;
  return [centre[0] + u * axes.r[0] + w * axes.b[0] + v * axes.g[0], centre[1] + u * axes.r[1] + w * axes.b[1] + v * axes.g[1]];
}

function hex(r, g, b) {
  const c = (x) =>
    Math.round(Math.min(1, Math.max(0, x)) ** (1 / 1.15) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** One face: `fixed` channel at 1, the other two running over the cells. */
function face(fixed) {
  const cells = [];
  const gap = 0.06 / CELLS;
  for (let i = 0; i < CELLS; i++) {
    for (let j = 0; j < CELLS; j++) {
      const a0 = i / CELLS + gap,
        a1 = (i + 1) / CELLS - gap,
        b0 = j / CELLS + gap,
        b1 = (j + 1) / CELLS - gap;
      const rgb = (a, b) => (fixed === 'r' ? [1, a, b] : fixed === 'g' ? [a, 1, b] : [a, b, 1]);
      const corners = [rgb(a0, b0), rgb(a1, b0), rgb(a1, b1), rgb(a0, b1)].map((c) => point(...c));
      const [mr, mg, mb] = rgb((a0 + a1) / 2, (b0 + b1) / 2);
      const shade = fixed === 'g' ? 1 : fixed === 'r' ? 0.86 : 0.74;
      cells.push(`<polygon points="${corners.map((p) => p.map((x) => x.toFixed(1)).join(',')).join(' ')}" fill="${hex(mr * shade, mg * shade, mb * shade)}"/>`);
    }
  }
  return cells.join('');
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2a2e38"/><stop offset="1" stop-color="#14161b"/></linearGradient></defs>
<rect x="64" y="64" width="896" height="896" rx="200" fill="url(#bg)"/>
<rect x="64.5" y="64.5" width="895" height="895" rx="200" fill="none" stroke="#ffffff" stroke-opacity="0.08" stroke-width="3"/>
${face('g')}${face('r')}${face('b')}
</svg>`;

mkdirSync('resources/icons', { recursive: true });
writeFileSync('resources/icon.svg', svg);
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile('resources/icon.png');
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  await sharp(Buffer.from(svg), { density: Math.max(9, (72 * size) / SIZE) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`resources/icons/${size}x${size}.png`);
}
console.log('Wrote resources/icon.svg, resources/icon.png and resources/icons/');
