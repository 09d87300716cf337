import { describe, expect, it } from 'vitest';
import { accountsLine } from './integrations';

const name = (id: string) => `Meta account ending ${id.slice(-4)}`;

describe('the accounts line of an integration', () => {
  it('names the accounts a connection syncs', () => {
    expect(accountsLine(['act_1001'], ['act_1001', 'act_2002'], name)).toBe('Meta account ending 1001');
  });

  it('says an imported store’s accounts came from files rather than "No account yet"', () => {
    expect(accountsLine([], ['act_1001', 'act_2002'], name)).toBe(
      'Imported from files: Meta account ending 1001, Meta account ending 2002',
    );
  });

  it('has no account when neither a connection nor an import brought one', () => {
    expect(accountsLine([], [], name)).toBe('No account yet');
  });
});
