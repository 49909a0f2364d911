/** The databases the scale run prepared: the curated seed with a small and with a large synthetic graph. */
export const SCALE_STATE_VARIABLE = 'EURASIA_GRAPH_SCALE_DATABASES';

export interface ScaleState {
  /** The curated seed and a synthetic graph of `smallEvents` events. */
  smallUrl: string;
  smallEvents: number;
  /** The curated seed and a synthetic graph of `events` events, from the same seed. */
  largeUrl: string;
  events: number;
}

export function scaleState(): ScaleState {
  const raw = process.env[SCALE_STATE_VARIABLE];
  if (!raw)
    throw new Error('The scale databases are not prepared: run these tests with `npm run test:scale`.');
  return JSON.parse(raw) as ScaleState;
}
