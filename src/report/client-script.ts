/**
 * The report page's only script (plain browser JavaScript, inlined and allowed by its CSP hash). It
 * reads the JSON data block and builds every piece of free text (prompts, responses, rationales, diffs)
 * with textContent, so no stored text is ever parsed as HTML. It makes the lineage tree interactive:
 * clicking (or Enter/Space on) a node shows its prompt, scores, rationale and the word diff against its
 * parent.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var source = document.getElementById('report-data');
  if (!source) return;
  var data = JSON.parse(source.textContent || '{}');
  var texts = data.texts || {};
  var diffs = data.diffs || {};
  var nodes = {};
  (data.nodes || []).forEach(function (n) { nodes[n.id] = n; });

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function pct(x) { return typeof x === 'number' ? (x * 100).toFixed(1) + '%' : '–'; }
  function renderDiff(target, parts) {
    clear(target);
    (parts || []).forEach(function (p) {
      var tag = p.op === 'add' ? 'ins' : p.op === 'del' ? 'del' : 'span';
      target.appendChild(el(tag, 'diff-' + p.op, p.text));
    });
  }
  function diffCounts(parts) {
    var added = 0, removed = 0;
    (parts || []).forEach(function (p) {
      var words = p.text.split(/\s+/).filter(function (w) { return w !== ''; }).length;
      if (p.op === 'add') added += words; else if (p.op === 'del') removed += words;
    });
    return '+' + added + ' / −' + removed + ' words';
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (e) {
    var value = texts[e.getAttribute('data-text')];
    e.textContent = value === undefined || value === null ? '(not recorded)' : value;
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-diff]'), function (e) {
    renderDiff(e, diffs[e.getAttribute('data-diff')]);
  });

  var panel = document.getElementById('node-detail');
  var treeNodes = document.querySelectorAll('.lineage-tree .node');
  function select(id) {
    var n = nodes[id];
    if (!n || !panel) return;
    Array.prototype.forEach.call(treeNodes, function (g) {
      if (g.getAttribute('data-id') === id) g.classList.add('selected'); else g.classList.remove('selected');
    });
    panel.hidden = false;
    panel.setAttribute('data-selected', id);
    document.getElementById('node-title').textContent = n.id + (n.isBest ? ' (best)' : '');
    var meta = document.getElementById('node-meta');
    clear(meta);
    [
      ['status', n.status],
      ['generation', n.generation],
      ['level', n.level],
      ['parent', n.parentId === undefined || n.parentId === null ? '— (root)' : n.parentId],
      ['train', pct(n.train)],
      ['validation', pct(n.val)],
      ['children', n.children]
    ].forEach(function (kv) {
      var item = el('span', 'kv');
      item.appendChild(el('b', '', kv[0] + ': '));
      item.appendChild(document.createTextNode(String(kv[1])));
      meta.appendChild(item);
    });
    var rationale = document.getElementById('node-rationale');
    rationale.textContent = n.rationale || '';
    document.getElementById('node-rationale-box').hidden = !n.rationale;
    document.getElementById('node-prompt').textContent = n.prompt;
    var diffBox = document.getElementById('node-diff-box');
    var diff = document.getElementById('node-diff');
    if (n.diff) {
      diffBox.hidden = false;
      document.getElementById('node-diff-title').textContent =
        'Word diff against parent ' + n.parentId + ' (' + diffCounts(n.diff) + ')';
      renderDiff(diff, n.diff);
    } else {
      diffBox.hidden = true;
      clear(diff);
    }
  }
  Array.prototype.forEach.call(treeNodes, function (g) {
    var id = g.getAttribute('data-id');
    g.addEventListener('click', function () { select(id); });
    g.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(id); }
    });
  });
  var first = data.bestId && nodes[data.bestId] ? data.bestId : (data.nodes && data.nodes[0] ? data.nodes[0].id : undefined);
  if (first !== undefined) select(first);
})();
`;
