import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { shellAssignments } from '../../scripts/shell-assignments';

const run = promisify(execFile);

describe('scripts/shell-assignments', () => {
  it('when bash evaluates the lines, then every value comes back exactly, nothing in it expanded or run', async () => {
    const value = `it's $HOME \`id\` $(id) "q" \\ ; a\nb`;
    const lines = shellAssignments({ a_value: value, a_port: 54329 });
    const { stdout } = await run('bash', ['-c', 'eval "$1"; printf "%s|%s" "$a_value" "$a_port"', 'bash', lines]);
    expect(stdout).to.equal(`${value}|54329`);
  });
});
