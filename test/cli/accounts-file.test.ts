import { parseAccountsFile } from '../../src/cli/verify.js';
import { UsageError } from '../../src/cli/errors.js';

describe('the accounts file of verify --accounts', () => {
  it('reads profiles and role ARNs, skipping comments and blank lines', () => {
    const entries = parseAccountsFile('# class of 3\nlearner-01\n\narn:aws:iam::123456789012:role/InstructorRead  # team A\nlearner.02@event\n', false);
    expect(entries.map((e) => e.source)).toEqual([
      { kind: 'profile', profile: 'learner-01' },
      { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/InstructorRead' },
      { kind: 'profile', profile: 'learner.02@event' },
    ]);
  });

  it('reads sandbox account ids with --sandbox', () => {
    expect(parseAccountsFile('111122223333\n444455556666\n', true).map((e) => e.source)).toEqual([
      { kind: 'sandbox', account: '111122223333' },
      { kind: 'sandbox', account: '444455556666' },
    ]);
  });

  const refused: Array<[string, string, boolean, RegExp]> = [
    ['an account id outside --sandbox', '123456789012\n', false, /Line 1: "123456789012" is an account id/],
    ['a profile with --sandbox', 'learner-01\n', true, /every line must be a 12-digit sandbox account id/],
    ['a line that is nothing known', 'not a profile!\n', false, /Line 1 of the accounts file/],
    ['an empty file', '# nobody yet\n', false, /names no accounts/],
  ];
  it.each(refused)('refuses %s as a usage error', (_name, text, sandbox, message) => {
    expect(() => parseAccountsFile(text, sandbox)).toThrow(UsageError);
    expect(() => parseAccountsFile(text, sandbox)).toThrow(message);
  });
});
