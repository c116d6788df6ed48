import { benchSecrets } from './env';
import { seed } from './seed';
import { startBenchStack } from './stack';

/** `npm run bench:seed`: migrates the bench database (by starting one set of subgraphs) and seeds it. */
async function main(): Promise<void> {
  const stack = await startBenchStack({ secrets: benchSecrets(), full: false });
  try {
    const summary = await seed();
    console.log(summary === null ? '[bench] bench data already present' : '[bench] seeded');
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
