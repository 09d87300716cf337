import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { FeaturedProduct } from '../domain/content/post';
import { luminance } from '../domain/content/profile';
import { minorUnitExponent } from '../domain/money';

/**
 * Post images: a template laid out with satori (flexbox → SVG) and rasterised to PNG with resvg,
 * both in-process and without a browser. 1080×1080, Instagram's square feed size. Fonts are
 * passed in (satori reads TTF/OTF/WOFF, not WOFF2); `loadDefaultFonts` reads Inter from
 * @fontsource/inter.
 */
export const IMAGE_SIZE = 1080;

export interface PostImageInput {
  brandName: string;
  palette: readonly string[];
  product: Pick<FeaturedProduct, 'title' | 'priceMinor' | 'currency' | 'kind'>;
  /** Short offer line from the brief ("Free shipping over $75"); optional. */
  offer?: string;
  /** Product photo as a data: or https: URL; the template draws a monogram without one. */
  photoUrl?: string;
}

export interface Font {
  name: string;
  data: ArrayBuffer | Buffer;
  weight: 400 | 700;
  style: 'normal';
}

export async function loadDefaultFonts(): Promise<Font[]> {
  const require = createRequire(import.meta.url);
  const load = async (weight: 400 | 700): Promise<Font> => ({
    name: 'Inter',
    data: await readFile(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)),
    weight,
    style: 'normal',
  });
  return Promise.all([load(400), load(700)]);
}

type Node = {
  type: string;
  props: {
    style?: Record<string, unknown>;
    children?: unknown;
    src?: string;
    width?: number;
    height?: number;
  };
};
const el = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({
  type,
  props: { style, ...(children === undefined ? {} : { children }) },
});

const BADGE: Readonly<Record<FeaturedProduct['kind'], string>> = {
  overstock: 'Stock up',
  margin: 'Staff pick',
  bestseller: 'Best seller',
};

function formatPrice(minor: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(
    minor / 10 ** minorUnitExponent(currency),
  );
}

/** The template as satori elements; the text colour follows the background's luminance. */
export function postImageTree(input: PostImageInput): Node {
  const [bg = '#1f2937', accent = '#f59e0b', soft = '#f9fafb'] = input.palette;
  const ink = luminance(bg) > 0.4 ? '#111111' : '#ffffff';
  const initials = input.product.title
    .split(/\s+/)
    .filter((w) => /^[\p{L}]/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  const visual = input.photoUrl
    ? {
        type: 'img',
        props: {
          src: input.photoUrl,
          width: 600,
          height: 480,
          style: { borderRadius: 32, objectFit: 'cover' },
        },
      }
    : el(
        'div',
        {
          width: 600,
          height: 480,
          borderRadius: 32,
          background: soft,
          color: bg,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 220,
          fontWeight: 700,
        },
        initials,
      );
  const inner = IMAGE_SIZE - 2 * 64;
  // An explicitly sized inner box on a full-size canvas: satori sizes boxes without their padding.
  return el(
    'div',
    {
      width: IMAGE_SIZE,
      height: IMAGE_SIZE,
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      background: bg,
      color: ink,
      fontFamily: 'Inter',
    },
    el(
      'div',
      {
        width: inner,
        height: inner,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'space-between',
      },
      [
        el(
          'div',
          { display: 'flex', width: inner, justifyContent: 'space-between', fontSize: 36, fontWeight: 700 },
          [
            el('div', { display: 'flex' }, input.brandName),
            el(
              'div',
              {
                display: 'flex',
                background: accent,
                color: luminance(accent) > 0.4 ? '#111111' : '#ffffff',
                padding: '8px 24px',
                borderRadius: 999,
                fontSize: 30,
              },
              BADGE[input.product.kind],
            ),
          ],
        ),
        visual,
        el('div', { display: 'flex', flexDirection: 'column', alignItems: 'center' }, [
          el(
            'div',
            { display: 'flex', fontSize: 60, fontWeight: 700, textAlign: 'center' },
            input.product.title,
          ),
          el(
            'div',
            { display: 'flex', fontSize: 48, marginTop: 8 },
            formatPrice(input.product.priceMinor, input.product.currency),
          ),
          ...(input.offer
            ? [
                el(
                  'div',
                  { display: 'flex', fontSize: 30, marginTop: 12, opacity: 0.85 },
                  input.offer.slice(0, 80),
                ),
              ]
            : []),
        ]),
      ],
    ),
  );
}

export function createPostImageRenderer(fonts: Font[]) {
  // satori's types want a React element; the plain object tree is what it reads.
  const svg = (input: PostImageInput) =>
    satori(postImageTree(input) as unknown as Parameters<typeof satori>[0], {
      width: IMAGE_SIZE,
      height: IMAGE_SIZE,
      fonts: fonts.map((f) => ({ ...f, data: f.data as ArrayBuffer })),
    });
  return {
    svg,
    async render(input: PostImageInput): Promise<Uint8Array> {
      return new Resvg(await svg(input), { fitTo: { mode: 'original' } }).render().asPng();
    },
  };
}
export type PostImageRenderer = ReturnType<typeof createPostImageRenderer>;

/** A renderer that reads the default fonts on first use (start-up stays fast when nothing renders). */
export function createDefaultPostImageRenderer(): PostImageRenderer {
  let renderer: Promise<PostImageRenderer> | undefined;
  const loaded = () => {
    renderer ??= loadDefaultFonts().then(createPostImageRenderer);
    return renderer;
  };
  return {
    svg: async (input) => (await loaded()).svg(input),
    render: async (input) => (await loaded()).render(input),
  };
}
