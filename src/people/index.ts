import { PersonResolver } from './person.resolver';
import {
  CountryPositionsResolver,
  OrganizationPositionsResolver,
  PositionResolver,
} from './position.resolver';

export const PEOPLE_RESOLVERS = [
  PersonResolver,
  PositionResolver,
  CountryPositionsResolver,
  OrganizationPositionsResolver,
] as const;
