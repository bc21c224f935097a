"""Prints the en_GB given names and surnames of python Faker (MIT, Debian
package python3-fake-factory), one per line, prefixed "F\t" or "L\t".
Run by extract.sh."""
from faker.providers.person.en_GB import Provider

for name in list(Provider.first_names_male) + list(Provider.first_names_female):
    print("F\t" + name)
for name in Provider.last_names:
    print("L\t" + name)
