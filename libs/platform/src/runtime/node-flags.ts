/**
 * Node.js flags the field's server runs with, wherever it is started (`npm start`, the Dockerfile,
 * the demo, the benchmarks and the multi-process tests); a spec keeps package.json and the
 * Dockerfile in step with this list.
 *
 * A young generation of 2 × 64 MiB instead of 2 × 16 MiB: a telemetry batch lives from its arrival
 * until its flush commits, tens of milliseconds, which at tens of thousands of samples a second
 * outlived two scavenges of the default and was promoted, so the old generation filled and major
 * collections (10–15 ms, several every 15 s) stalled acknowledgements and watchers.
 *
 * An old generation allowed to grow to four times what survived the last major collection: V8
 * starts marking as soon as the old generation's headroom is smaller than the young generation
 * could promote (about twice a semi-space), and the headroom it grants by default (live × ~2.2,
 * 70 MB over the field's 60 MB) is smaller than that once the young generation has grown to 64 MiB,
 * so after a burst of load it marked again right after every collection, one a 0.6 s, each pausing
 * 10–15 ms. Measured at 31,000 samples/s after a minute at full load, 8 runs of 20 s each way:
 * watcher p99 3–7 ms instead of 3–24 ms, acknowledgement p99 6–14 ms instead of 6–43 ms, the
 * server 33–46 % of a core instead of 36–45 %.
 */
export const FIELD_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--heap-growing-percent=300'];
