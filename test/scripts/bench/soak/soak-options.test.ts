import { expect } from 'chai';
import { UsageError } from '../../../../scripts/bench/lib/usage-error';
import { parseSoakOptions } from '../../../../scripts/bench/soak/soak-options';

describe('scripts/bench/soak/soak-options', () => {
  const refused = (argv: string[]) => {
    try {
      parseSoakOptions(argv);
    } catch (err) {
      expect(err).to.be.instanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error(`${argv.join(' ')} was accepted`);
  };

  it("when given nothing, then it is the issue's soak: 100 calls for 60 minutes, ramped over the first minute", () => {
    expect(parseSoakOptions([])).to.deep.equal({
      minutes: 60,
      calls: 100,
      rampSeconds: 60,
      callTimeoutSeconds: 240,
      logLevel: 'warn',
    });
  });

  it('when given minutes and calls, then they are taken', () => {
    expect(parseSoakOptions(['--minutes', '3', '--calls', '20'])).to.include({ minutes: 3, calls: 20 });
  });

  it('when a number is not a whole number in range, then a usage error names the option and what it got', () => {
    expect(refused(['--minutes', '2'])).to.equal('--minutes must be a whole number from 3 to 9007199254740991, got "2"');
    expect(refused(['--minutes', '1.5'])).to.match(/^--minutes must be a whole number/);
    expect(refused(['--calls', 'ten'])).to.match(/^--calls must be a whole number from 1 to 1000, got "ten"/);
    expect(refused(['--calls', '0'])).to.match(/^--calls /);
    expect(refused(['--ramp', '90'])).to.match(/^--ramp must be a whole number from 0 to 60/);
  });

  it('when an option is unknown, misses its value or a log level is wrong, then a usage error says so', () => {
    expect(refused(['--minuets', '5'])).to.match(/unknown option '--minuets'.*--help/);
    expect(refused(['--minutes'])).to.match(/argument missing/);
    expect(refused(['--log-level', 'loud'])).to.match(/^--log-level must be one of/);
    expect(refused(['60'])).to.match(/too many arguments.*--help/);
  });
});
