/**
 * Visitors' names: faker's English name lists, drawn with the simulator's
 * own seeded generator rather than faker's, so that names follow the seed.
 *
 * Only the English locale entry is imported (about 45 ms on the reference
 * machine); the package's main entry loads every locale and takes several
 * times longer.
 */
import { faker } from '@faker-js/faker/locale/en';

import { fingerprint } from './random.js';

/**
 * Printable ASCII without a double quote or backslash: such names need no
 * escaping in JSON, which the serializer's fast path relies on. All of faker
 * 10's English names pass; a later list with others would lose only those.
 */
const PLAIN_NAME = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

type NameLists = { generic?: string[]; female?: string[]; male?: string[] } | null | undefined;

function plainUniqueNames(lists: NameLists): string[] {
  const all = [...(lists?.generic ?? []), ...(lists?.female ?? []), ...(lists?.male ?? [])];
  const names = [...new Set(all)].filter((name) => PLAIN_NAME.test(name));
  // Uint16 indexes in the crowd's tables; an empty list would make every draw undefined.
  if (names.length === 0 || names.length > 65_535) {
    throw new Error(
      `@faker-js/faker's English name list has ${names.length} usable entries; the simulator needs 1-65535`,
    );
  }
  return names;
}

/**
 * First names from the generic, female and male lists together (faker's own
 * firstName() without a sex reads only the short generic list), without
 * duplicates, in faker's order.
 */
export const FIRST_NAMES: readonly string[] = plainUniqueNames(faker.rawDefinitions.person?.first_name);
/** Single last names; faker's occasional double-barrelled pattern is left out. */
export const LAST_NAMES: readonly string[] = plainUniqueNames(faker.rawDefinitions.person?.last_name);

/**
 * Changes whenever the installed faker's lists change, and with them the names
 * a seed gives; it is part of every event id so a resumed run can tell.
 */
export const NAMES_FINGERPRINT = fingerprint(FIRST_NAMES.join('\n') + '\n\n' + LAST_NAMES.join('\n'));
