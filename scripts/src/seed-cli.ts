import { seedDemoData } from './seed';

/** `node scripts/dist/seed-cli.js [gateway-url]`: seeds a running stack (used by docker compose). */
async function main(): Promise<void> {
  const url = process.argv[2] ?? process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const { created } = await seedDemoData(url);
      console.log(created ? 'Demo data seeded.' : 'Demo data was already there.');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 2000));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
