import { encodeDay, resolveDayPlan, simulateDay, toJsonLine } from '../../src/simulator/index.js';

describe('encodeDay', () => {
  const plan = resolveDayPlan({ scale: 0.02, seed: 3, date: '2026-07-04' });

  it('gives the same bytes as toJsonLine for every record, across slab boundaries, in position order', () => {
    const expected = [...simulateDay(plan)];
    const encoded = [...encodeDay(plan)];
    expect(encoded).toHaveLength(expected.length);
    // A day at this scale spans several 1 MiB slabs, so boundaries are crossed.
    expect(encoded.reduce((n, r) => n + r.data.length, 0)).toBeGreaterThan(2 * 1024 * 1024);
    encoded.forEach((record, i) => {
      expect(record.sequence).toBe(expected[i].sequence);
      expect(record.data.toString()).toBe(toJsonLine(expected[i]));
    });
  });

  it('starts at a position when asked to skip, and reports every event it encodes', () => {
    const seen: number[] = [];
    const encoded = [...encodeDay({ ...plan, skip: 100 }, (event) => seen.push(event.sequence))];
    expect(encoded[0].sequence).toBe(100);
    expect(seen).toEqual(encoded.map((r) => r.sequence));
  });
});
