import type { SimulatorReport } from '../simulator';

const count = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

/** One line every few seconds while the robots run. */
export function formatProgress(report: SimulatorReport): string {
  const { batches, samples } = report;
  const parts = [
    `sim ${seconds(report.elapsedMs)}`,
    `robots ${report.connectedRobots}/${report.robots} connected`,
    `batches ${count(batches.sent)} sent (${count(batches.resent)} resent), ${count(batches.acknowledged)} acked, ` +
      `${count(batches.duplicates)} dup, ${count(batches.dropped)} dropped`,
    `samples ${count(samples.generated)} made, ${count(samples.acknowledged)} acked`,
    `pending ${count(batches.pending)} batches`,
    `reconnects ${count(report.reconnects)}`,
  ];
  if (report.ackLatencyMs) parts.push(`ack p50 ${millis(report.ackLatencyMs.p50)}`);
  return parts.join(' | ');
}

/** The closing report, for people; `--json` prints the report object instead. */
export function formatReport(report: SimulatorReport): string {
  const { batches, samples } = report;
  const errors = Object.entries(report.errors);
  const latency = report.ackLatencyMs;
  const lines = [
    `robot simulator: ${report.robots} robots, ${seconds(report.elapsedMs)}, seed ${report.seed}`,
    `  samples      generated ${count(samples.generated)}, acknowledged ${count(samples.acknowledged)} ` +
      `(stored ${count(samples.stored)}), dropped ${count(samples.dropped)}, never acknowledged ${count(samples.pending)}`,
    `  batches      sent ${count(batches.sent)}, resent ${count(batches.resent)}, acknowledged ${count(batches.acknowledged)}, ` +
      `duplicates reported ${count(batches.duplicates)}, dropped ${count(batches.dropped)}, never acknowledged ${count(batches.pending)}`,
    `  ack latency  ${latency ? `p50 ${millis(latency.p50)}, p99 ${millis(latency.p99)}, max ${millis(latency.max)}` : 'no acknowledgements'}`,
    `  connection   reconnects ${count(report.reconnects)}, robots refused ${report.refusedRobots}, ` +
      `generation paused ${seconds(report.generationPausedMs)}`,
    `  errors       ${errors.length === 0 ? 'none' : errors.map(([code, times]) => `${code} ×${count(times)}`).join(', ')}`,
    `  next seq     ${report.nextSeq} (a later run with these tokens must use --seq-start ${report.nextSeq} or more)`,
    report.complete
      ? '  result       every generated sample was acknowledged'
      : `  result       ${count(samples.generated - samples.acknowledged)} samples were not acknowledged`,
  ];
  for (const robot of report.perRobot.filter((each) => each.refused || each.samplesPending > 0)) {
    lines.push(
      `  robot ${robot.robot}      ${robot.refused ? 'refused by the field, ' : ''}` +
        `${count(robot.samplesPending)} of ${count(robot.samplesGenerated)} samples never acknowledged`,
    );
  }
  return lines.join('\n');
}
