import {
  AgreementPartyResolver,
  CountryAgreementsResolver,
  OrganizationAgreementsResolver,
} from './agreement-party.resolver';
import { AgreementResolver } from './agreement.resolver';

export const AGREEMENT_RESOLVERS = [
  AgreementResolver,
  AgreementPartyResolver,
  CountryAgreementsResolver,
  OrganizationAgreementsResolver,
] as const;
