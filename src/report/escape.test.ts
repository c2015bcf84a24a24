import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdownCell, jsonForScript, markdownFence } from './escape.js';

describe('escaping', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('writes JSON that cannot close its script element and parses back unchanged', () => {
    const value = { prompt: '</script><script>alert(1)</script><!-- \u2028 & >', n: [1, null] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('escapes Markdown table cells', () => {
    expect(escapeMarkdownCell('a|b\nc <script> <0.001')).toBe('a\\|b c &lt;script> <0.001');
  });

  it('fences text with a fence longer than any backtick run in it', () => {
    expect(markdownFence('plain')).toBe('```text\nplain\n```');
    expect(markdownFence('has ``` and ````')).toBe('`````text\nhas ``` and ````\n`````');
  });
});
