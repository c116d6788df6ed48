import { readFileSync } from 'node:fs';

/**
 * `node bench/dist/profile-summary.js <file.cpuprofile> [top]`: self time of a V8 CPU profile
 * (node --cpu-prof) grouped by package (node_modules/<name>, our own code, node internals) and
 * by function, as percentages of the sampled time.
 */
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function packageOf(url: string): string {
  if (url === '') return '(native / idle / gc)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const own = /\/(apps|packages|bench)\/([^/]+)\//.exec(url);
  return own ? `(ours) ${own[1]}/${own[2]}` : url;
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const top = Number(topArg ?? '25');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const idle = [...selfMicros.entries()]
  .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
  .reduce((a, [, v]) => a + v, 0);

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id)!;
  const name = node.callFrame.functionName || '(anonymous)';
  if (name === '(idle)') continue;
  const pkg = name === '(garbage collector)' ? '(garbage collector)' : packageOf(node.callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  const where =
    node.callFrame.url === ''
      ? ''
      : ` ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(apps|packages|bench)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(`${name}${where}`, (byFunction.get(`${name}${where}`) ?? 0) + micros);
}
const busy = total - idle;
const pct = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%); shares of busy time`,
);
console.log('\nby package (self time):');
for (const [name, micros] of [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(micros)}  ${name}`);
console.log('\nby function (self time):');
for (const [name, micros] of [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(micros)}  ${name}`);
