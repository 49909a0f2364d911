import {
  CountryProjectsResolver,
  OrganizationProjectsResolver,
  ProjectParticipantResolver,
} from './project-participant.resolver';
import { ProjectResolver } from './project.resolver';

export const PROJECT_RESOLVERS = [
  ProjectResolver,
  ProjectParticipantResolver,
  CountryProjectsResolver,
  OrganizationProjectsResolver,
] as const;
