import { displayWidth, formatTable } from './table';

describe('formatTable', () => {
  it('counts Chinese characters as two columns so the table lines up', () => {
    expect(displayWidth('行者 W1')).toBe(7);
    const table = formatTable(
      ['robot', 'status'],
      [
        ['行者 W1', 'graduated'],
        ['Spot', 'enrolled'],
      ],
    ).split('\n');
    expect(table[0]).toBe('robot    status');
    expect(table[2]).toBe('行者 W1  graduated');
    expect(table[3]).toBe('Spot     enrolled');
  });
});
