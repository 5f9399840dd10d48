// The comparison's table: per row the median of each browser's samples,
// their spread, the ratio sandtab / Chromium, and the issue-25 target the
// ratio is held to where there is one.
'use strict';

function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatValue(value, unit) {
  if (!Number.isFinite(value)) return '-';
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  if (unit === 'KiB') return `${(value / 1024).toFixed(1)} MiB`;
  return String(value);
}

class ComparisonTable {
  constructor() {
    this.rows = [];
  }

  // `target`: the highest ratio issue 25 allows, or null for a row only measured.
  add(name, unit, sandtabSamples, chromiumSamples, target = null, note = '') {
    const row = {name, unit, sandtab: median(sandtabSamples), chromium: median(chromiumSamples), target, note,
                 sandtabRange: [Math.min(...sandtabSamples), Math.max(...sandtabSamples)],
                 chromiumRange: [Math.min(...chromiumSamples), Math.max(...chromiumSamples)],
                 count: [sandtabSamples.length, chromiumSamples.length]};
    row.ratio = row.sandtab / row.chromium;
    this.rows.push(row);
    return row;
  }

  verdict(row) {
    if (!Number.isFinite(row.ratio)) return 'no figure';
    if (row.target === null) return 'measured';
    return row.ratio <= row.target ? `met (<= ${row.target}x)` : `NOT met (target <= ${row.target}x)`;
  }

  text() {
    const lines = ['', 'sandtab vs Chromium (medians; alternating runs)      sandtab     chromium     ratio  verdict'];
    for (const row of this.rows) {
      lines.push(`${row.name.padEnd(46)} ${formatValue(row.sandtab, row.unit).padStart(11)} ` +
                 `${formatValue(row.chromium, row.unit).padStart(12)} ${(row.ratio.toFixed(3) + 'x').padStart(9)}  ` +
                 this.verdict(row));
      const range = (values, unit) => values.map(v => formatValue(v, unit)).join('..');
      lines.push(`    n=${row.count[0]}/${row.count[1]}; sandtab ${range(row.sandtabRange, row.unit)}, ` +
                 `chromium ${range(row.chromiumRange, row.unit)}${row.note ? '; ' + row.note : ''}`);
    }
    return lines.join('\n');
  }
}

module.exports = {ComparisonTable, median, formatValue};
