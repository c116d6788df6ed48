import autocannon from 'autocannon';

/** One side of a side-by-side measurement: how to build autocannon's request(s) for one round. */
export type Side = {
  name: string;
  /** Called before every round (e.g. to pre-sign envelopes, to reload revisions). */
  prepare(round: {
    durationSeconds: number;
    expectedRps: number;
  }): Promise<Pick<autocannon.Options, 'url' | 'method' | 'headers' | 'body' | 'requests'>>;
};

export type RoundResult = {
  side: string;
  round: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
};

export type LoadShape = { connections: number; durationSeconds: number; overallRate?: number };

export async function runRound(
  side: Side,
  shape: LoadShape,
  expectedRps: number,
  round: number,
): Promise<RoundResult> {
  const request = await side.prepare({ durationSeconds: shape.durationSeconds, expectedRps });
  const result = await autocannon({
    ...request,
    url: request.url as string,
    method: request.method ?? 'POST',
    connections: shape.connections,
    pipelining: 1,
    duration: shape.durationSeconds,
    timeout: 10,
    ...(shape.overallRate === undefined ? {} : { overallRate: shape.overallRate }),
  });
  return {
    side: side.name,
    round,
    rps: result.requests.total / shape.durationSeconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

export type Summary = { median: number; min: number; max: number };

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export type SideSummary = {
  side: string;
  rps: Summary;
  p50: Summary;
  p99: Summary;
  requests: number;
  failures: number;
  rounds: RoundResult[];
};

export type Comparison = { label: string; shape: LoadShape; sides: SideSummary[] };

/**
 * Runs the sides interleaved in one run: one unrecorded warm-up round each, then `rounds` rounds
 * each in ABBA order (A B B A A B ...), so drift in the machine's speed hits both sides alike.
 */
export async function compare(
  label: string,
  sides: Side[],
  shape: LoadShape,
  rounds: number,
  log = console.log,
): Promise<Comparison> {
  const expected = new Map<string, number>();
  for (const side of sides) {
    const warm = await runRound(
      side,
      { ...shape, durationSeconds: Math.min(2, shape.durationSeconds) },
      3000,
      0,
    );
    expected.set(side.name, warm.rps);
  }
  const results: RoundResult[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? sides : [...sides].reverse();
    for (const side of order) {
      const result = await runRound(
        side,
        shape,
        Math.max(
          expected.get(side.name) ?? 0,
          ...results.filter((r) => r.side === side.name).map((r) => r.rps),
        ),
        round,
      );
      results.push(result);
      log(
        `  ${label} | ${side.name.padEnd(22)} round ${round}: ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms` +
          (result.errors + result.non2xx + result.timeouts > 0
            ? `  (errors ${result.errors}, non-2xx ${result.non2xx}, timeouts ${result.timeouts})`
            : ''),
      );
    }
  }
  return {
    label,
    shape,
    sides: sides.map((side) => {
      const mine = results.filter((result) => result.side === side.name);
      return {
        side: side.name,
        rps: summarize(mine.map((result) => result.rps)),
        p50: summarize(mine.map((result) => result.p50)),
        p99: summarize(mine.map((result) => result.p99)),
        requests: mine.reduce((sum, result) => sum + result.requests, 0),
        failures: mine.reduce((sum, result) => sum + result.errors + result.non2xx + result.timeouts, 0),
        rounds: mine,
      };
    }),
  };
}
