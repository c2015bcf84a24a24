import { describe, expect, it } from 'vitest';
import { niceTicks, renderChart } from './svg-chart.js';

describe('niceTicks', () => {
  it('picks round steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 412, 5)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('renderChart', () => {
  const chart = renderChart({
    id: 'demo',
    title: 'Score <b>',
    xLabel: 'rollouts & more',
    yLabel: 'score',
    series: [
      {
        name: 'train',
        color: '#123456',
        points: [
          { x: 0, y: 0.2 },
          { x: 10, y: 0.6, title: '<script>' },
        ],
      },
      {
        name: 'dots',
        color: '#654321',
        line: false,
        marker: 'diamond',
        points: [{ x: 5, y: 0.4, low: 0.3, high: 0.5, label: 'm<1>' }],
      },
      { name: 'bad', color: '#000', points: [{ x: Number.NaN, y: 1 }] },
    ],
    yDomain: [0, 1],
  });

  it('draws axes, labels, a legend and the series', () => {
    expect(chart).toMatch(/^<svg class="chart" data-chart="demo"/);
    expect(chart).toContain('rollouts &amp; more');
    expect(chart).toContain('>score</text>');
    expect(chart).toContain('data-series="train"');
    expect(chart.match(/class="marker"/g)).toHaveLength(3);
    expect(chart).toContain('class="legend-item"');
    expect(chart).not.toContain('data-series="bad"');
  });

  it('escapes every text it draws', () => {
    expect(chart).not.toContain('<script>');
    expect(chart).not.toContain('<b>');
    expect(chart).toContain('m&lt;1&gt;');
  });

  it('says so when there is nothing to plot', () => {
    expect(renderChart({ id: 'e', title: 't', xLabel: 'x', yLabel: 'y', series: [] })).toContain(
      'no data to plot',
    );
  });

  it('uses powers of two on a log2 axis', () => {
    const log = renderChart({
      id: 'k',
      title: 't',
      xLabel: 'K',
      yLabel: 'v',
      xScale: 'log2',
      series: [{ name: 's', color: '#000', points: [1, 2, 4, 8].map((x) => ({ x, y: 1 / x })) }],
      xFormat: String,
    });
    for (const tick of ['1', '2', '4', '8']) expect(log).toContain(`>${tick}</text>`);
  });
});
