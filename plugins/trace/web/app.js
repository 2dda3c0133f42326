/**
 * @module The reachability page: loads GET /reachability, draws the matrix of this node's pods
 * grouped by namespace (rows connect to columns), and on a click loads GET /trace for the chosen
 * cell and port and shows its steps, how each walk ended, and the policies and Services involved.
 * Plain browser JavaScript (no build step, no external resource); DOM built with textContent only.
 */
'use strict';

(() => {
  /** @type {{ node: string, pods: {namespace: string, name: string, ip: string, ports: {port: number, protocol: string}[]}[], ports: {port: number, protocol: string}[], cells: {from: string, to: string, port: number, protocol: string, allowed: boolean, failure?: string, reason: string}[] } | undefined} */
  let data;
  /** @type {{ from: string, to: string } | undefined} */
  let selected;

  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

  /** Creates an element with a class and text (never HTML). */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  const podId = (p) => `${p.namespace}/${p.name}`;
  /** Trace entries that close a walk (how it ended) rather than a step of the graph. */
  const END_STEPS = new Set(['delivered', 'dropped', 'refused']);
  const portKey = (p) => `${p.port}/${p.protocol}`;

  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(isError));
  }

  async function getJson(url) {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    const body = await res.json().catch(() => ({ message: `answer of ${url} is not JSON` }));
    if (!res.ok) throw new Error(body.message || `${url} answered ${res.status}`);
    return body;
  }

  /** Cells of one pair, filtered by the chosen port. */
  function pairCells(from, to) {
    const wanted = /** @type {HTMLSelectElement} */ ($('port')).value;
    return (data?.cells ?? []).filter((c) => c.from === from && c.to === to && (wanted === '' || portKey(c) === wanted));
  }

  function groupByNamespace(pods) {
    const groups = [];
    for (const p of pods) {
      const last = groups[groups.length - 1];
      if (last && last.namespace === p.namespace) last.pods.push(p);
      else groups.push({ namespace: p.namespace, pods: [p] });
    }
    return groups;
  }

  function cellState(cells) {
    if (cells.length === 0) return { cls: 'none', mark: '·', text: 'not probed on this port' };
    const allowed = cells.filter((c) => c.allowed).length;
    if (allowed === cells.length) return { cls: 'allowed', mark: '✓', text: 'allowed' };
    if (allowed === 0) return { cls: 'denied', mark: '✗', text: 'denied' };
    return { cls: 'partial', mark: `${allowed}/${cells.length}`, text: `${allowed} of ${cells.length} ports allowed` };
  }

  function drawMatrix() {
    const table = $('matrix');
    table.replaceChildren();
    const pods = data?.pods ?? [];
    $('empty').hidden = pods.length > 0;
    if (pods.length === 0) return;
    const groups = groupByNamespace(pods);
    const thead = el('thead');
    const nsRow = el('tr');
    const corner = el('th', 'corner', 'from ↓ / to →');
    corner.colSpan = 2;
    corner.rowSpan = 2;
    nsRow.append(corner);
    for (const g of groups) {
      const th = el('th', 'ns', g.namespace);
      th.colSpan = g.pods.length;
      th.scope = 'colgroup';
      nsRow.append(th);
    }
    const podRow = el('tr');
    for (const g of groups) {
      g.pods.forEach((p, i) => {
        const th = el('th', `pod col${i === 0 ? ' group-start' : ''}`, p.name);
        th.scope = 'col';
        th.title = `${podId(p)} ${p.ip}`;
        podRow.append(th);
      });
    }
    thead.append(nsRow, podRow);
    const tbody = el('tbody');
    for (const g of groups) {
      g.pods.forEach((from, i) => {
        const tr = el('tr', i === 0 ? 'group-start' : '');
        if (i === 0) {
          const ns = el('th', 'ns row', g.namespace);
          ns.rowSpan = g.pods.length;
          ns.scope = 'rowgroup';
          tr.append(ns);
        }
        const rowHead = el('th', 'pod row', from.name);
        rowHead.scope = 'row';
        rowHead.title = `${podId(from)} ${from.ip}`;
        tr.append(rowHead);
        for (const tg of groups) {
          tg.pods.forEach((to, j) => {
            tr.append(matrixCell(from, to, j === 0));
          });
        }
        tbody.append(tr);
      });
    }
    table.append(thead, tbody);
  }

  function matrixCell(from, to, groupStart) {
    const f = podId(from), t = podId(to);
    if (f === t) {
      const td = el('td', `cell self${groupStart ? ' group-start' : ''}`, '—');
      td.title = `${f}: a pod reaches itself without the network`;
      return td;
    }
    const cells = pairCells(f, t);
    const st = cellState(cells);
    const td = el('td', `cell ${st.cls}${groupStart ? ' group-start' : ''}`, st.mark);
    td.dataset.from = f;
    td.dataset.to = t;
    td.dataset.state = st.cls;
    td.tabIndex = 0;
    td.setAttribute('role', 'button');
    td.title = `${f} → ${t}: ${st.text}${cells.length > 0 ? `\n${cells.map((c) => `${c.protocol} ${c.port}: ${c.allowed ? 'allowed' : c.reason}`).join('\n')}` : ''}`;
    if (selected && selected.from === f && selected.to === t) td.classList.add('selected');
    td.addEventListener('click', () => select(f, t));
    td.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        select(f, t);
      }
    });
    return td;
  }

  function fillPortSelect() {
    const sel = /** @type {HTMLSelectElement} */ ($('port'));
    const keep = sel.value;
    sel.replaceChildren(new Option('every declared port', ''));
    for (const p of data?.ports ?? []) sel.append(new Option(`${p.protocol} ${p.port}`, portKey(p)));
    sel.value = [...sel.options].some((o) => o.value === keep) ? keep : '';
  }

  async function load() {
    setStatus('loading…');
    try {
      data = await getJson('/reachability');
      $('node').textContent = `on ${data.node}`;
      fillPortSelect();
      drawMatrix();
      const denied = data.cells.filter((c) => !c.allowed).length;
      setStatus(`${data.pods.length} pods, ${data.cells.length} probes, ${denied} denied`);
      if (selected) await select(selected.from, selected.to);
    } catch (err) {
      setStatus(`cannot load the matrix: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  }

  async function select(from, to, chosen) {
    selected = { from, to };
    for (const td of document.querySelectorAll('td.cell.selected')) td.classList.remove('selected');
    for (const td of document.querySelectorAll('td.cell')) {
      if (td instanceof HTMLElement && td.dataset.from === from && td.dataset.to === to) td.classList.add('selected');
    }
    const cells = pairCells(from, to);
    const detail = $('detail');
    detail.hidden = false;
    $('detail-title').textContent = `${from} → ${to}`;
    const pick = chosen ?? cells.find((c) => !c.allowed) ?? cells[0];
    const ports = $('detail-ports');
    ports.replaceChildren();
    for (const c of cells) {
      const b = el('button', `port-choice ${c.allowed ? 'allowed' : 'denied'}`, `${c.protocol} ${c.port} ${c.allowed ? '✓' : '✗'}`);
      b.type = 'button';
      if (pick && portKey(c) === portKey(pick)) b.classList.add('current');
      b.addEventListener('click', () => select(from, to, c));
      ports.append(b);
    }
    if (!pick) {
      clearTrace('no probe on this port');
      return;
    }
    clearTrace('tracing…');
    try {
      const q = new URLSearchParams({ from, to, port: String(pick.port), protocol: pick.protocol });
      showTrace(await getJson(`/trace?${q}`));
    } catch (err) {
      clearTrace(`cannot trace: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function clearTrace(text) {
    $('detail-verdict').replaceChildren(el('p', 'muted', text));
    $('detail-verdict').className = 'verdict';
    for (const id of ['detail-policies', 'detail-services', 'detail-steps', 'detail-ends']) $(id).replaceChildren();
    $('detail-services-section').hidden = true;
  }

  function policyText(p) {
    const where = p.direction ? ` ${p.direction}` : '';
    if (p.effect === 'allows') return `allows${where} (rule ${p.rule}) for ${p.pod}`;
    if (p.effect === 'isolates') return `isolates ${p.pod}${where}: what no rule allows is denied`;
    return `selects ${p.pod}`;
  }

  function showTrace(r) {
    const verdict = $('detail-verdict');
    verdict.className = `verdict ${r.allowed ? 'allowed' : 'denied'}`;
    const head = el('p', 'verdict-line', `${r.protocol} ${r.port}: ${r.allowed ? 'ALLOWED' : `DENIED (${r.failure ?? 'dropped'})`}`);
    verdict.replaceChildren(head, el('p', 'reason', r.reason));
    if (r.backend) verdict.append(el('p', 'muted', `answered by ${r.backend}${r.backendPort ? ` on port ${r.backendPort}` : ''}${r.sourceIP ? `, which saw the client as ${r.sourceIP}` : ''}`));

    const policies = $('detail-policies');
    policies.replaceChildren();
    if (r.policies.length === 0) policies.append(el('li', 'muted', 'none: no NetworkPolicy restricts this traffic'));
    for (const p of r.policies) {
      const li = el('li', `policy ${p.effect}`);
      li.append(el('strong', 'policy-name', p.policy), el('span', '', ` ${policyText(p)}`));
      policies.append(li);
    }
    const services = $('detail-services');
    services.replaceChildren();
    $('detail-services-section').hidden = r.services.length === 0;
    for (const s of r.services) services.append(el('li', 'service', `${s.service}${s.port ? ` port ${s.port}${s.portName ? ` (${s.portName})` : ''}` : ''}`));

    const steps = $('detail-steps');
    const ends = $('detail-ends');
    steps.replaceChildren();
    ends.replaceChildren();
    let direction = '';
    let n = 0;
    r.trace.forEach((s, i) => {
      const title = s.direction === 'forward' ? 'opening packet' : 'answer';
      if (END_STEPS.has(s.step)) {
        const who = s.step === 'delivered' ? (s.direction === 'forward' ? r.backend : r.from) : undefined;
        ends.append(el('li', `end ${s.step}`, `${title} ${s.step} at ${s.node}: ${s.detail}${who ? ` (${who})` : ''}`));
        return;
      }
      if (s.direction !== direction) {
        direction = s.direction;
        n = 0;
        steps.append(el('li', 'walk', title));
      }
      const item = stepItem(s, i === r.decidedBy);
      item.value = ++n;
      steps.append(item);
    });
  }

  function stepItem(s, decided) {
    const li = /** @type {HTMLLIElement} */ (el('li', `step${s.verdict ? ` v-${s.verdict}` : ''}${decided ? ' decided' : ''}`));
    const head = el('div', 'step-head');
    head.append(el('span', 'step-kind', s.step), el('span', 'step-node', s.node));
    if (s.interface) head.append(el('span', 'step-if', `${s.interface}${s.pod ? ` (${s.pod})` : s.interfaceTag ? ` (${s.interfaceTag})` : ''}`));
    if (s.verdict) head.append(el('span', `step-verdict v-${s.verdict}`, s.verdict));
    li.append(head, el('div', 'step-detail', s.detail), el('div', 'step-packet', s.packet));
    if (s.policyRule) {
      li.append(el('div', 'step-rule', `${s.policyRule.table} table rule ${s.policyRule.ruleIndex}: ${s.policyRule.rule}`));
      for (const o of s.origins ?? []) li.append(el('div', 'step-origin', `from ${o}`));
    }
    if (s.service) li.append(el('div', 'step-service', `Service ${s.service.service}${s.service.port ? ` port ${s.service.port}` : ''}`));
    else if (s.origin && !s.policyRule) li.append(el('div', 'step-origin', s.origin));
    if (s.note) li.append(el('div', 'step-note', s.note));
    return li;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('refresh').addEventListener('click', () => void load());
    $('port').addEventListener('change', () => {
      drawMatrix();
      if (selected) void select(selected.from, selected.to);
    });
    $('detail-close').addEventListener('click', () => {
      $('detail').hidden = true;
      selected = undefined;
      for (const td of document.querySelectorAll('td.cell.selected')) td.classList.remove('selected');
    });
    void load();
  });
})();
