import type { Faker } from '@faker-js/faker';
// The English locale entry alone: the package's main entry loads every locale (~3x the start-up cost).
import { faker as english } from '@faker-js/faker/locale/en';

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
  const FakerClass = english.constructor as new (options: { locale: Faker['rawDefinitions']; seed?: number }) => Faker;
  return new FakerClass({ locale: english.rawDefinitions, seed });
}
