import { ConfigError, loadConfig } from '../../src/config';
import { loadClusterSettings } from '../../src/cluster/settings';
import { ROOT } from '../support/environment';

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('Configuration: read replicas and the cluster', () => {
  it('reads from the primary alone unless replicas are listed', () => {
    expect(loadConfig({}, ROOT).replicas).toEqual({ urls: [], maxLagSeconds: 5, checkMs: 250 });
  });

  it('takes a comma-separated list of replica URLs beside the primary', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'mysql://u:p@db:3306/eurasia_graph',
        READ_REPLICA_URLS: 'mysql://u:p@r1:3306/eurasia_graph, mysql://u:p@r2:3306/eurasia_graph',
        REPLICA_MAX_LAG_SECONDS: '2',
        REPLICA_CHECK_MS: '100',
      },
      ROOT,
    );
    expect(config.replicas).toEqual({
      urls: ['mysql://u:p@r1:3306/eurasia_graph', 'mysql://u:p@r2:3306/eurasia_graph'],
      maxLagSeconds: 2,
      checkMs: 100,
    });
  });

  it('names the variable and the value it refuses', () => {
    expect(
      problemsOf(() =>
        loadConfig(
          {
            DATABASE_URL: 'mysql://u:p@db:3306/eurasia_graph',
            READ_REPLICA_URLS: 'mysql://u:p@r1:3306/eurasia_graph,http://r2/',
            REPLICA_CHECK_MS: '5',
          },
          ROOT,
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^READ_REPLICA_URLS="mysql:\/\/u:p@r1:3306\/eurasia_graph,http:\/\/r2\/" is not accepted/,
      ),
      'REPLICA_CHECK_MS="5" is not accepted: expected an integer from 20 to 60000',
    ]);
  });

  it('refuses replicas without their primary', () => {
    expect(
      problemsOf(() => loadConfig({ READ_REPLICA_URLS: 'mysql://u:p@r1:3306/eurasia_graph' }, ROOT)),
    ).toEqual([expect.stringContaining('READ_REPLICA_URLS is set but DATABASE_URL is not')]);
  });

  it('has defaults for the cluster command and refuses bad values by name', () => {
    expect(loadClusterSettings({}, ROOT)).toMatchObject({
      services: 2,
      replicas: 2,
      basePort: 4400,
      balancerCheckMs: 500,
    });
    expect(loadClusterSettings({ CLUSTER_BASE_PORT: '0' }, ROOT).basePort).toBe(0);
    expect(
      problemsOf(() => loadClusterSettings({ CLUSTER_SERVICES: '0', CLUSTER_BASE_PORT: '80' }, ROOT)),
    ).toEqual([
      'CLUSTER_SERVICES="0" is not accepted: expected an integer from 1 to 16',
      'CLUSTER_BASE_PORT="80" is not accepted: expected 0 or an integer from 1024 to 65000',
    ]);
  });
});
