/** A 14-cell lithium-ion pack (≈ 51.8 V nominal) of the size a mobile manipulator carries. */
export interface Battery {
  capacityWh: number;
  energyWh: number;
}

export interface BatteryReading {
  percent: number;
  voltage: number;
}

/** Electrical load by activity, in watts; charging is a negative load. */
export const LOAD_W = { idle: 110, turn: 180, drive: 320, task: 260, charge: -1500 } as const;

const CELLS = 14;
const INTERNAL_RESISTANCE_OHM = 0.12;
/** Open-circuit voltage of one cell by state of charge: flat in the middle, steep at both ends. */
const CELL_OCV: readonly (readonly [number, number])[] = [
  [0, 3.0],
  [0.05, 3.3],
  [0.1, 3.45],
  [0.2, 3.55],
  [0.5, 3.7],
  [0.8, 3.95],
  [1, 4.15],
];

export function createBattery(capacityWh: number, percent: number): Battery {
  return { capacityWh, energyWh: (capacityWh * percent) / 100 };
}

export function drain(battery: Battery, powerW: number, durationMs: number): Battery {
  const energyWh = battery.energyWh - (powerW * durationMs) / 3_600_000;
  return { ...battery, energyWh: Math.min(battery.capacityWh, Math.max(0, energyWh)) };
}

export function stateOfCharge(battery: Battery): number {
  return battery.energyWh / battery.capacityWh;
}

/** Terminal voltage sags under load by the current through the pack's internal resistance. */
export function batteryReading(battery: Battery, powerW: number): BatteryReading {
  const openCircuit = CELLS * cellOpenCircuitVoltage(stateOfCharge(battery));
  const current = powerW / openCircuit;
  return { percent: 100 * stateOfCharge(battery), voltage: openCircuit - current * INTERNAL_RESISTANCE_OHM };
}

function cellOpenCircuitVoltage(soc: number): number {
  for (let i = 1; i < CELL_OCV.length; i++) {
    const [soc1, v1] = CELL_OCV[i];
    if (soc <= soc1) {
      const [soc0, v0] = CELL_OCV[i - 1];
      return v0 + ((v1 - v0) * (soc - soc0)) / (soc1 - soc0);
    }
  }
  return CELL_OCV[CELL_OCV.length - 1][1];
}
