import {
  AgreementFiguresResolver,
  CountryFiguresResolver,
  OrganizationFiguresResolver,
  ProjectFiguresResolver,
} from './figure-subjects.resolver';
import { FigureResolver } from './figure.resolver';

export const FIGURE_RESOLVERS = [
  FigureResolver,
  CountryFiguresResolver,
  OrganizationFiguresResolver,
  ProjectFiguresResolver,
  AgreementFiguresResolver,
] as const;
