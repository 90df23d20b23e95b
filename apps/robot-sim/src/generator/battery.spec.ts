import { LOAD_W, batteryReading, createBattery, drain } from './battery';

describe('battery', () => {
  it('drains by energy: 1000 Wh at 500 W lasts two hours', () => {
    const full = createBattery(1000, 100);
    expect(batteryReading(drain(full, 500, 3_600_000), 0).percent).toBeCloseTo(50);
    expect(batteryReading(drain(full, 500, 3 * 3_600_000), 0).percent).toBe(0);
  });

  it('drains faster under a heavier load', () => {
    const battery = createBattery(1000, 80);
    const afterDrive = drain(battery, LOAD_W.drive, 600_000);
    const afterIdle = drain(battery, LOAD_W.idle, 600_000);
    expect(afterDrive.energyWh).toBeLessThan(afterIdle.energyWh);
  });

  it('charges up to full and no further', () => {
    const charged = drain(createBattery(1000, 90), LOAD_W.charge, 3_600_000);
    expect(batteryReading(charged, 0).percent).toBe(100);
  });

  it('reads a lower voltage when emptier and when loaded, within a 14-cell pack range', () => {
    const readings = [100, 80, 50, 20, 5].map((percent) => batteryReading(createBattery(1000, percent), 0).voltage);
    readings.slice(1).forEach((voltage, i) => expect(voltage).toBeLessThan(readings[i]));
    expect(readings[0]).toBeCloseTo(58.1, 1);
    const half = createBattery(1000, 50);
    expect(batteryReading(half, LOAD_W.drive).voltage).toBeLessThan(batteryReading(half, LOAD_W.idle).voltage);
    expect(batteryReading(half, LOAD_W.charge).voltage).toBeGreaterThan(batteryReading(half, 0).voltage);
  });
});
