import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { ROOT } from '../support/environment';

const SETTINGS = [
  'MAX_VARIABLE_KEYS',
  'MAX_VARIABLE_LIST_ITEMS',
  'MAX_VARIABLE_DEPTH',
  'MAX_REPRESENTATIONS',
  'FEDERATION_SECRET',
  'HEAVY_OPERATION_COST',
  'MAX_HEAVY_OPERATIONS',
  'SEARCH_COMMON_WORD_LIMIT',
];

describe('Configuration: variable, representation and federation limits', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, ROOT);
    expect(config.limits).toMatchObject({
      maxVariableKeys: 1000,
      maxVariableListItems: 1000,
      maxVariableDepth: 10,
      maxRepresentations: 100,
      heavyCost: 10_000,
      maxHeavy: Math.max(1, Math.floor(os.availableParallelism() / 2)),
    });
    expect(config.federationSecret).toBeUndefined();
    expect(config.searchCommonWordLimit).toBe(10_000);
  });

  it('reads each setting', () => {
    const config = loadConfig(
      {
        MAX_VARIABLE_KEYS: '50',
        MAX_VARIABLE_LIST_ITEMS: '60',
        MAX_VARIABLE_DEPTH: '4',
        MAX_REPRESENTATIONS: '20',
        FEDERATION_SECRET: 'f3a1c9e07b2d4c5e8a6b',
        HEAVY_OPERATION_COST: '5000',
        MAX_HEAVY_OPERATIONS: '3',
        SEARCH_COMMON_WORD_LIMIT: '250',
      },
      ROOT,
    );
    expect(config.limits).toMatchObject({
      maxVariableKeys: 50,
      maxVariableListItems: 60,
      maxVariableDepth: 4,
      maxRepresentations: 20,
      heavyCost: 5000,
      maxHeavy: 3,
    });
    expect(config.federationSecret).toBe('f3a1c9e07b2d4c5e8a6b');
    expect(config.searchCommonWordLimit).toBe(250);
  });

  it('refuses a secret that is short or holds spaces, and a limit of 0', () => {
    for (const env of [
      { FEDERATION_SECRET: 'short' },
      { FEDERATION_SECRET: 'long enough but has spaces' },
      { MAX_REPRESENTATIONS: '0' },
      { MAX_HEAVY_OPERATIONS: '0' },
      { HEAVY_OPERATION_COST: '0' },
      { SEARCH_COMMON_WORD_LIMIT: '0' },
    ]) {
      expect(() => loadConfig(env, ROOT)).toThrow(ConfigError);
    }
    expect(() => loadConfig({ FEDERATION_SECRET: 'short' }, ROOT)).toThrow(
      'FEDERATION_SECRET="short" is not accepted: expected 16 to 256 visible ASCII characters (no spaces)',
    );
  });

  it('lists every one of them in the README and in .env.example', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    for (const name of SETTINGS) {
      expect({ name, readme: readme.includes(`| \`${name}\``) }).toEqual({ name, readme: true });
      expect({ name, example: example.includes(`\n${name}=`) }).toEqual({ name, example: true });
    }
  });
});
