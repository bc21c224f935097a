// Prints the given names and surnames shipped by @faker-js/faker (MIT) for
// English and for locales whose names are common among people in UK
// prisons (Ghanaian, Nigerian, Yoruba, Indian, Australian, South African
// English and Polish), one per line, prefixed "F\t" or "L\t".
// Run by extract.sh.
import * as faker from '@faker-js/faker';

const locales = ['en', 'en_GB', 'en_AU', 'en_GH', 'en_NG', 'yo_NG', 'en_IN', 'en_ZA', 'pl'];

function print(prefix, groups) {
  if (!groups) return;
  for (const list of Object.values(groups)) for (const n of list) console.log(`${prefix}\t${n}`);
}

for (const loc of locales) {
  const person = faker[loc]?.person;
  if (!person) continue;
  print('F', person.first_name);
  print('L', person.last_name);
}
