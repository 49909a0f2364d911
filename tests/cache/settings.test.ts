/** The cache settings: their defaults, and a bad value named with what is accepted. */
import { ConfigError, loadConfig } from '../../src/config';

describe('Cache: settings', () => {
  it('caches in memory by default, public answers for 60 s, the data version read again after 100 ms', () => {
    expect(loadConfig({}).cache).toEqual({
      enabled: true,
      redisUrl: undefined,
      maxAgeSeconds: 60,
      maxEntries: 10000,
      maxBytes: 64 * 1024 * 1024,
      ttlSeconds: 3600,
      versionCheckMs: 100,
      federationCacheTags: false,
    });
  });

  it('names every bad cache setting with its value and what is accepted', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://127.0.0.1:6379', CACHE_MAX_MB: '0', DATA_VERSION_CHECK_MS: 'soon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'REDIS_URL="http://127.0.0.1:6379" is not accepted: expected a URL such as redis://127.0.0.1:6379',
      'CACHE_MAX_MB="0" is not accepted: expected an integer from 1 to 65536',
      'DATA_VERSION_CHECK_MS="soon" is not accepted: expected an integer from 0 to 60000',
    ]);
  });
});
