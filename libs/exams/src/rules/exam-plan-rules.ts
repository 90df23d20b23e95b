export type VariationValue = string | number | boolean;
export type Variations = Readonly<Record<string, readonly VariationValue[]>>;

export interface PlannedTrial {
  index: number;
  conditions: Record<string, VariationValue>;
}

/** mulberry32: a small seeded PRNG, so a plan is reproducible from its seed on any machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The initial conditions of trials 1..maxTrials: one value of each variation per trial, drawn in
 * the variations' name order so the plan does not depend on how the catalogue's JSON was ordered.
 * The robot is deliberately not an input.
 */
export function drawPlan(seed: number, variations: Variations, maxTrials: number): PlannedTrial[] {
  const random = mulberry32(seed);
  const names = Object.keys(variations).sort();
  const plan: PlannedTrial[] = [];
  for (let index = 1; index <= maxTrials; index++) {
    const conditions: Record<string, VariationValue> = {};
    for (const name of names) {
      const values = variations[name];
      conditions[name] = values[Math.floor(random() * values.length)];
    }
    plan.push({ index, conditions });
  }
  return plan;
}
