import { createPostImageRenderer, loadDefaultFonts, type PostImageInput } from '../../shared/content/render';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench content`: renders 100 post images (satori → SVG → resvg PNG, 1080×1080) one after
 * another, as drafting a few months does, and prints images per second and the peak memory
 * (RSS, sampled every 10 ms). Baseline: the same 100 layouts to SVG only, so the ratio shows what
 * rasterising costs. `CONTENT_BENCH_IMAGES` changes the count.
 */
const IMAGES = Number(process.env.CONTENT_BENCH_IMAGES ?? '100');
const TITLES = [
  'Alpine Throw',
  'Velocity Runner',
  'Merino Tee',
  'Storm Shell Jacket',
  'Camp Mug',
  'Daypack 22L',
];
const KINDS = ['overstock', 'margin', 'bestseller'] as const;

function inputFor(i: number): PostImageInput {
  return {
    brandName: 'Demo Brand',
    palette: i % 2 ? ['#1f3a2e', '#c86a2a', '#faf7f0'] : ['#faf7f0', '#1f3a2e', '#c86a2a'],
    product: {
      title: TITLES[i % TITLES.length]!,
      priceMinor: 2400 + 100 * i,
      currency: 'USD',
      kind: KINDS[i % 3]!,
    },
    offer: i % 3 ? 'Free shipping over $75' : undefined,
  } as PostImageInput;
}

async function measured(fn: () => Promise<void>): Promise<{ ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return { ms: performance.now() - started, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
}

export const bench: Benchmark = {
  name: 'content images',
  async run(): Promise<BenchLine[]> {
    const fonts = await loadDefaultFonts();
    const renderer = createPostImageRenderer(fonts);
    await renderer.render(inputFor(0)); // warm-up: font parsing, wasm start
    let bytes = 0;
    const full = await measured(async () => {
      for (let i = 0; i < IMAGES; i++) bytes += (await renderer.render(inputFor(i))).byteLength;
    });
    const svgOnly = await measured(async () => {
      for (let i = 0; i < IMAGES; i++) await renderer.svg(inputFor(i));
    });
    const perSecond = (IMAGES * 1000) / full.ms;
    return [
      {
        name: `${IMAGES} post images (PNG)`,
        value: perSecond,
        unit: 'images/s',
        ratio: full.ms / svgOnly.ms,
        baseline: 'layout to SVG only',
      },
      { name: 'peak memory while rendering', value: full.peakRssMb, unit: 'MiB RSS' },
      { name: 'mean PNG size', value: bytes / IMAGES / 1024, unit: 'KiB' },
    ];
  },
};
