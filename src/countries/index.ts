import { CountryResolver } from './country.resolver';

export const COUNTRY_RESOLVERS = [CountryResolver] as const;
