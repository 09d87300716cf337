import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { channelRegionsNote, regionalSpendCell, regionalSpendNote } from './regional-spend';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });

describe('a region’s spend a platform did not report by region', () => {
  it('names the platforms without regional spend and what the region’s figures leave out', () => {
    expect(
      regionalSpendNote(
        [
          { channel: 'tiktok', spendMinor: 46_620, regionalSpend: 'not_reported' },
          { channel: 'meta', spendMinor: 1_500, regionalSpend: 'partly' },
        ],
        fmt,
      ),
    ).toBe(
      'TikTok does not report spend by region and Meta reports only part of its spend by region in this period. ' +
        'This region’s spend, blended ROAS and profit count only spend reported by region: ' +
        'TikTok’s $466.20 and Meta’s $15.00 without a region are in none of them.',
    );
  });

  it('says nothing when every platform that spent reported by region', () => {
    expect(regionalSpendNote([], fmt)).toBeNull();
    expect(regionalSpendNote(undefined, fmt)).toBeNull();
  });

  it('shows a channel’s spend as not reported instead of $0.00, and marks a part', () => {
    expect(regionalSpendCell(0, 'not_reported', fmt)).toBe('Spend not reported by region');
    expect(regionalSpendCell(2_000, 'partly', fmt)).toBe('$20.00 (part not reported by region)');
    expect(regionalSpendCell(0, 'reported', fmt)).toBe('$0.00');
    expect(regionalSpendCell(500, undefined, fmt)).toBe('$5.00');
  });

  it('says under a channel’s regions chart when its spend bars are not known', () => {
    expect(channelRegionsNote('tiktok', 'not_reported')).toBe(
      'TikTok’s spend is not reported by region in this period: its spend bars are not known, only its revenue by region.',
    );
    expect(channelRegionsNote('meta', 'partly')).toContain('Part of Meta’s spend is not reported by region');
    expect(channelRegionsNote('google_ads', 'reported')).toBeNull();
  });
});
