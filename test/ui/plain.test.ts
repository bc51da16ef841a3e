import { createPlainPrinter, runPlain } from '../../src/ui/plain.js';
import type { RunnerEvent } from '../../src/engine/types.js';
import { fixtureWorkshop, tempHome } from '../helpers/fixture-workshop.js';

function sink() {
  const lines: string[] = [];
  return { lines, out: { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) } as unknown as NodeJS.WritableStream };
}

const live = (time: number, summary: string): RunnerEvent => ({
  code: 'TPW_I3004',
  level: 'info',
  message: summary,
  live: { view: 'send', state: {}, summary },
  time,
});

describe('plain mode', () => {
  it('prints a live view at most once per interval, and its last state before the result', () => {
    const { lines, out } = sink();
    const printer = createPlainPrinter({ noColor: true, out, liveIntervalMs: 3000 });
    printer.print(live(0, 'a'));
    printer.print(live(1000, 'b'));
    printer.print(live(3500, 'c'));
    printer.print(live(4000, 'd'));
    printer.print({ code: 'TPW_S1002', level: 'success', message: 'Done: send', time: 4100 });
    expect(lines).toEqual(['  … a', '  … c', '  … d', '  ✓ Done: send']);
  });

  it('shows an action\'s stack only with debug', () => {
    const event: RunnerEvent = { code: 'TPW_E1007', level: 'error', message: 'boom', data: { stack: 'Error: boom\n    at here' }, time: 0 };
    const quiet = sink();
    createPlainPrinter({ noColor: true, out: quiet.out }).print(event);
    expect(quiet.lines).toEqual(['  ✗ boom']);
    const loud = sink();
    createPlainPrinter({ noColor: true, out: loud.out, debug: true }).print(event);
    expect(loud.lines).toEqual(['  ✗ boom', 'Error: boom', '    at here']);
  });

  it('runs from the saved position to the end and exits 0 only when every step passed', async () => {
    const home = tempHome();
    const world = { things: new Set<string>(), used: 0, failNextMake: true };
    const first = sink();
    expect(await runPlain(fixtureWorkshop(home, world).workshop, { showCommands: false, noColor: true, out: first.out })).toBe(1);
    expect(first.lines.at(-1)).toMatch(/Stopped at "Make a thing"/);

    const second = sink();
    expect(await runPlain(fixtureWorkshop(home, world).workshop, { showCommands: true, noColor: true, out: second.out })).toBe(0);
    expect(second.lines).toContain('  $ aws thing create --name demo');
    expect(second.lines.at(-1)).toBe('All steps passed.');
  });
});
