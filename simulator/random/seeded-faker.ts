import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';

// The English locale entry alone (the package's main entry loads every locale), and only when the
// first faker is made: a process that makes no subscribers never pays for faker's data.
let english: Faker | undefined;
function englishFaker(): Faker {
  english ??= (createRequire(import.meta.url)('@faker-js/faker/locale/en') as { faker: Faker }).faker;
  return english;
}

/**
 * A faker of its own (English locale) seeded with `seed`, so generated
 * identities repeat run to run without sharing state with any other faker.
 *
 * @example
 * ```ts
 * const faker = seededFaker(7);
 * faker.string.numeric(10);
 * ```
 */
export function seededFaker(seed: number): Faker {
  const source = englishFaker();
  const FakerClass = source.constructor as new (options: { locale: Faker['rawDefinitions']; seed?: number }) => Faker;
  return new FakerClass({ locale: source.rawDefinitions, seed });
}
