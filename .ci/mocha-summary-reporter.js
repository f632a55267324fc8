'use strict';
// Mocha reporter for .ci/run: the usual spec output on stdout, plus a JSON summary (counts and
// failing titles) written to the file given by `--reporter-option summary=<file>`, from which
// .ci/run prints its closing "N passed, N failed" line. Mocha has no built-in way to run two reporters.
const fs = require('node:fs');
const path = require('node:path');
const { reporters } = require('mocha');

class SummaryReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options && options.reporterOption && options.reporterOption.summary;
    const failed = [];
    runner.on('fail', (test) => failed.push(test.fullTitle()));
    runner.once('end', () => {
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ stats: this.stats, failed }, null, 2));
    });
  }
}

module.exports = SummaryReporter;
