/**
 * How a database error is classified decides the answer's code and log level: a statement stopped for its
 * time limit is load (SERVICE_UNAVAILABLE, warn), whichever way the server words it.
 */
import { databaseProblem } from '../../src/http/errors';

describe('databaseProblem', () => {
  it.each([
    ['MariaDB max_statement_time', { errno: 1969, code: 'ER_STATEMENT_TIMEOUT' }],
    ['MySQL max_execution_time', { errno: 3024 }],
    // InnoDB's full-text lookup stopped part-way by the time limit: "Unknown error 188"
    ['a full-text lookup stopped part-way', { errno: 188, message: 'Unknown error 188' }],
  ])('takes %s for a time limit', (_name, error) => {
    expect(databaseProblem(Object.assign(new Error('driver'), error))).toBe('timeout');
  });

  it('leaves other errors alone', () => {
    expect(databaseProblem(Object.assign(new Error('syntax'), { errno: 1064 }))).toBeUndefined();
  });
});
