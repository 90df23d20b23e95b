/**
 * Node.js flags the field's server runs with, wherever it is started (`npm start`, the Dockerfile,
 * the demo, the benchmarks and the multi-process tests); a spec keeps package.json and the
 * Dockerfile in step with this list.
 *
 * A young generation of 2 × 64 MiB instead of 2 × 16 MiB: a telemetry batch lives from its arrival
 * until its flush commits, tens of milliseconds, which at tens of thousands of samples a second
 * outlived two scavenges of the default and was promoted, so the old generation filled and major
 * collections (10–15 ms, several every 15 s) stalled acknowledgements and watchers. With it, at
 * 40,000 samples/s: no major collection, watcher p99 8–14 ms where it was 25–59 ms.
 */
export const FIELD_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
