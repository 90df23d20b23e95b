import { bookingBench } from './booking.bench';
import { dashboardBench } from './dashboard.bench';
import { examsBench } from './exams.bench';
import { guardBench } from './guard.bench';
import { ingestBench } from './ingest.bench';
import { outageBench } from './outage.bench';
import { scoringBench } from './scoring.bench';
import { telemetryBench } from './telemetry.bench';

/** `npm run bench [-- name ...]`: runs the named benchmarks (all by default); each prints its figures. */
const BENCHES: Record<string, () => Promise<void>> = {
  booking: bookingBench,
  ingest: ingestBench,
  telemetry: telemetryBench,
  scoring: scoringBench,
  dashboard: dashboardBench,
  guard: guardBench,
  outage: outageBench,
  exams: examsBench,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    console.log(`\n=== ${name} ===`);
    await BENCHES[name]();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
