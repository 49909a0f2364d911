import {
  CountryMembershipsResolver,
  MembershipResolver,
  OrganizationMembershipsResolver,
} from './membership.resolver';
import { OrganizationResolver } from './organization.resolver';

export const ORGANIZATION_RESOLVERS = [
  OrganizationResolver,
  MembershipResolver,
  CountryMembershipsResolver,
  OrganizationMembershipsResolver,
] as const;
