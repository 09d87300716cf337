import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairKey } from '../../shared/domain/customers/matcher';
import { type PersonKey, personKey } from '../../shared/domain/customers/person';

/**
 * The Febrl synthetic person records (../shared/datasets/febrl, see its README): comma plus space
 * separated, header `rec_id, given_name, surname, street_number, address_1, address_2, suburb,
 * postcode, state, date_of_birth, soc_sec_id`. Records of one person share the number in `rec_id`
 * (`rec-223-org`, `rec-223-dup-0`), which gives the true pairs. `soc_sec_id` and `state` are not
 * read: a store's customer records have neither, so the matcher must do without.
 */
export interface FebrlDataset {
  records: PersonKey[];
  /** Every pair of record indexes that belong to one person, as `i|j` (i < j). */
  truePairs: Set<string>;
}

const HEADER =
  'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id';

export function febrlPath(name: 'dataset1' | 'dataset2', repoRoot = process.cwd()): string {
  return join(repoRoot, '..', 'shared', 'datasets', 'febrl', `${name}.csv`);
}

export function parseFebrl(text: string, file: string): FebrlDataset {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  if (lines[0] !== HEADER) throw new Error(`${file}:1: unexpected header ${JSON.stringify(lines[0])}`);
  const records: PersonKey[] = [];
  const people = new Map<string, number[]>();
  lines.slice(1).forEach((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== 11)
      throw new Error(`${file}:${index + 2}: expected 11 columns, found ${cells.length}`);
    const [recId, given, surname, streetNumber, address1, address2, suburb, postcode, , dob] = cells;
    const person = /^rec-(\d+)-(org|dup-\d+)$/.exec(recId!)?.[1];
    if (!person)
      throw new Error(`${file}:${index + 2}: rec_id ${JSON.stringify(recId)} is not rec-N-org|dup-K`);
    const at = records.length;
    records.push(
      personKey({
        firstName: given,
        lastName: surname,
        address1: [streetNumber, address1].filter((part) => part !== '').join(' '),
        address2,
        city: suburb,
        postcode,
        dateOfBirth: dob,
      }),
    );
    const group = people.get(person);
    if (group) group.push(at);
    else people.set(person, [at]);
  });
  const truePairs = new Set<string>();
  for (const group of people.values()) {
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) truePairs.add(pairKey(group[x]!, group[y]!));
  }
  return { records, truePairs };
}

export function loadFebrl(name: 'dataset1' | 'dataset2', repoRoot = process.cwd()): FebrlDataset {
  const file = febrlPath(name, repoRoot);
  return parseFebrl(readFileSync(file, 'utf8'), file);
}
