/**
 * The SQL of one keyset page over `sortExpr, id`: a WHERE fragment and an ORDER BY that read the page in
 * its direction (backwards pages are read in reverse and turned round by toConnection). Both columns keep
 * one direction, so an index on (…, sort, id) serves the page forwards or backwards with no sort.
 */
import type { PageRequest } from './page-args';

export interface KeysetClause {
  where: string[];
  params: (string | number)[];
  orderBy: string;
  limit: number;
}

export function keysetClause(
  sortExpr: string,
  idExpr: string,
  page: PageRequest,
  descending = false,
): KeysetClause {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const gt = descending ? '<' : '>';
  const lt = descending ? '>' : '<';
  // the first, redundant bound gives the optimizer a plain range on the index; the second cuts the ties
  if (page.after) {
    where.push(`${sortExpr} ${gt}= ? AND (${sortExpr} ${gt} ? OR ${idExpr} ${gt} ?)`);
    params.push(page.after[0], page.after[0], page.after[1]);
  }
  if (page.before) {
    where.push(`${sortExpr} ${lt}= ? AND (${sortExpr} ${lt} ? OR ${idExpr} ${lt} ?)`);
    params.push(page.before[0], page.before[0], page.before[1]);
  }
  const reversed = descending !== page.backwards;
  const dir = reversed ? 'DESC' : 'ASC';
  return { where, params, orderBy: `${sortExpr} ${dir}, ${idExpr} ${dir}`, limit: page.limit + 1 };
}
