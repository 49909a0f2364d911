/** Words the synthetic graph is made of: invented place and person names, and the phrases of its documents. */
import type { Random } from './random';

const SYLLABLES = [
  'ka',
  'ro',
  'vel',
  'mar',
  'dan',
  'sel',
  'tor',
  'bel',
  'ara',
  'zin',
  'kor',
  'mes',
  'lin',
  'tas',
  'nur',
  'ul',
  'ger',
  'oz',
  'ves',
  'pa',
  'ri',
  'tul',
  'sa',
  'ken',
  'dor',
  'bai',
  'al',
  'ya',
  'mir',
  'gul',
  'ham',
  'ter',
  'ses',
  'kan',
  'yel',
  'vor',
  'ush',
  'ba',
  'nis',
  'ot',
];

/** Letters with diacritics that names may carry, so lookups regardless of diacritics are exercised. */
const ACCENTED: Record<string, string> = { o: 'ö', u: 'ü', s: 'ş', a: 'â', e: 'é', i: 'ı', g: 'ğ' };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A pronounceable word of `count` syllables that spells `index` (plus random syllables when asked). */
export function word(index: number, count: number): string {
  let out = '';
  let n = index;
  for (let k = 0; k < count; k++) {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

/** Puts one diacritic in a name now and then. */
export function accent(name: string, random: Random): string {
  if (!random.chance(0.25)) return name;
  const at = random.int(1, Math.max(1, name.length - 1));
  const letter = name.charAt(at);
  return ACCENTED[letter] ? name.slice(0, at) + ACCENTED[letter] + name.slice(at + 1) : name;
}

export function countryWord(index: number, random: Random): string {
  const suffix = random.pick(['ia', 'istan', 'land', 'ova', 'ania', 'eria']);
  return accent(capitalise(word(index, 2)) + suffix, random);
}

export function cityName(random: Random): string {
  return accent(
    capitalise(word(random.int(0, 63999), 3)) + random.pick(['', 'abad', 'grad', 'kent', 'pol']),
    random,
  );
}

export function personName(index: number, random: Random): string {
  const given = capitalise(word(random.int(0, 1599), 2));
  const family = capitalise(word(index, 3)) + random.pick(['ov', 'ova', 'oğlu', 'yev', 'ian', 'bek', 'uly']);
  return accent(`${given} ${family}`, random);
}

export const REGIONS = [
  'Central Asia',
  'South Caucasus',
  'Eastern Europe',
  'Middle East',
  'East Asia',
  'South Asia',
  'Western Europe',
  'North Africa',
  'Black Sea',
  'Caspian',
];

export const TOPICS = [
  'transit',
  'trade',
  'energy',
  'corridor',
  'security',
  'water',
  'railway',
  'digital',
  'customs',
  'investment',
  'education',
  'climate',
  'logistics',
  'connectivity',
  'agriculture',
  'finance',
];

export const FILLER = [
  'Officials gave few further details',
  'The statement was published on the ministry website',
  'Observers described the talks as constructive',
  'The figures could not be independently verified',
  'A joint press conference followed the meeting',
  'Delegations also discussed regional transport links',
  'The agenda included energy supply and border crossings',
  'Analysts expect the arrangement to take several years to implement',
  'The text of the document was not made public in full',
  'Earlier reports had given slightly different dates',
];

/** A sentence of prose about a topic, for summaries and descriptions. */
export function prose(subject: string, random: Random): string {
  const a = random.pick(TOPICS);
  const b = random.pick(TOPICS);
  const verb = random.pick(['promotes', 'coordinates', 'supports', 'finances', 'develops', 'monitors']);
  return `${subject} ${verb} ${a} and ${b} cooperation across ${random.pick(REGIONS)}`;
}

export const phrase = (value: string) => value.toLowerCase().replace(/_/g, ' ');
export { capitalise };
