import { describe, expect, it } from 'vitest';
import { publishedOn } from './log';

describe('the publishing log says where a post went', () => {
  it('names each network that gave the post an id', () => {
    expect(publishedOn({ facebook: '101_202' })).toBe('on Facebook');
    expect(publishedOn({ facebook: '101_202', instagram: '1789' })).toBe('on Facebook and Instagram');
  });

  it('says nothing when no network is recorded', () => {
    expect(publishedOn({})).toBe('');
    expect(publishedOn(undefined)).toBe('');
  });
});
