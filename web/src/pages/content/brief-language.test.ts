import { describe, expect, it } from 'vitest';
import { languageChoices, languageName } from './brief';

describe('the brief names its language', () => {
  it('shows a language by its name, not its code', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('French');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
  });

  it('keeps a code the list does not have, first, so saving the brief does not change it', () => {
    expect(languageChoices('en')[0]).toBe('en');
    expect(languageChoices('pt-BR')[0]).toBe('pt-BR');
    expect(languageChoices('pt-BR')).toContain('en');
  });

  it('shows a code the browser cannot name as it is', () => {
    expect(languageName('not a code')).toBe('not a code');
  });
});
