// The ZkNet web console. Every call goes to /console/api, which runs it through this browser's own ZooKeeper
// session; writes carry the session's CSRF token.
'use strict';
const $ = (id) => document.getElementById(id);
let csrf = '';
let current = null; // the node shown: {path, data, text, stat, acl}
let dirty = false; // the data box holds the user's unsaved edit

async function api(name, params, body) {
  const query = params ? '?' + new URLSearchParams(params) : '';
  const init = body === undefined ? {} : {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-ZkNet-Csrf': csrf },
  };
  const response = await fetch('/console/api/' + name + query, init);
  const json = await response.json();
  if (!response.ok) { throw Object.assign(new Error(json.error || response.statusText), { status: response.status }); }
  return json;
}

function say(text, kind) { const m = $('message'); m.textContent = text; m.className = kind || 'info'; }
async function attempt(action) { try { await action(); } catch (e) { say(e.message, 'error'); } }
const childPath = (parent, name) => (parent === '/' ? '' : parent) + '/' + name;
const parentOf = (path) => path.lastIndexOf('/') <= 0 ? '/' : path.substring(0, path.lastIndexOf('/'));

async function session(json) {
  csrf = json.csrf;
  $('identity').textContent = json.identity || 'anonymous';
  await loadChildren($('tree'), '/', true);
  await showNode('/');
}

// The tree: one level per request, children fetched when a node is opened.
function treeItem(path, name) {
  const li = document.createElement('li');
  li.dataset.path = path;
  const toggle = Object.assign(document.createElement('span'), { className: 'toggle', textContent: '+' });
  const label = Object.assign(document.createElement('span'), { className: 'name', textContent: name });
  const list = document.createElement('ul');
  toggle.onclick = () => attempt(async () => {
    if (toggle.textContent === '+') { await loadChildren(list, path, false); toggle.textContent = '-'; }
    else { list.replaceChildren(); toggle.textContent = '+'; }
  });
  label.onclick = () => attempt(() => showNode(path));
  li.append(toggle, label, list);
  return li;
}

async function loadChildren(list, path, isRoot) {
  if (isRoot) { list.replaceChildren(treeItem('/', '/')); list = list.querySelector('ul'); list.previousSibling.previousSibling.textContent = '-'; }
  const json = await api('children', { path });
  list.replaceChildren(...json.children.map((name) => treeItem(childPath(path, name), name)));
  if (json.total > json.children.length) {
    list.append(Object.assign(document.createElement('li'), { className: 'muted', textContent: `${json.total - json.children.length} more not shown` }));
  }
}

async function refreshChildren(path) {
  const li = document.querySelector(`li[data-path="${CSS.escape(path)}"]`);
  if (li && li.querySelector('.toggle').textContent === '-') { await loadChildren(li.querySelector('ul'), path, false); }
}

function bytesOf(node) { return node.data === null ? new Uint8Array() : Uint8Array.from(atob(node.data), (c) => c.charCodeAt(0)); }

function render() {
  const mode = $('view-mode').value;
  let shown = current.text ?? '';
  if (mode === 'hex') { shown = Array.from(bytesOf(current), (b) => b.toString(16).padStart(2, '0')).join(' '); }
  if (mode === 'json') { try { shown = JSON.stringify(JSON.parse(current.text), null, 2); } catch { shown = current.text ?? ''; } }
  $('data').value = shown;
  dirty = false;
  $('data').readOnly = mode === 'hex' || current.text === null;
}

async function showNode(path) {
  current = await api('node', { path });
  $('node-path').textContent = path;
  $('version').textContent = current.stat.version;
  $('live').textContent = '';
  document.querySelectorAll('.name.selected').forEach((e) => e.classList.remove('selected'));
  document.querySelector(`li[data-path="${CSS.escape(path)}"] > .name`)?.classList.add('selected');
  if (current.text !== null && /^\s*[[{]/.test(current.text)) { try { JSON.parse(current.text); $('view-mode').value = 'json'; } catch { $('view-mode').value = 'text'; } }
  else { $('view-mode').value = current.text === null ? 'hex' : 'text'; }
  render();
  $('stat').replaceChildren(...Object.entries(current.stat).map(([k, v]) => row(k, k.endsWith('zxid') || k === 'ephemeralOwner' ? '0x' + v.toString(16) : v)));
  $('acl').replaceChildren(...current.acl.map((a) => row(a.scheme + ':' + a.id, a.perms)));
  $('acl-edit').value = current.acl.map((a) => `${a.scheme}:${a.id}:${a.perms}`).join('\n');
}

function row(key, value) {
  const tr = document.createElement('tr');
  tr.append(Object.assign(document.createElement('td'), { textContent: key }), Object.assign(document.createElement('td'), { textContent: value }));
  return tr;
}

function dataOf(mode) {
  return mode === 'json' ? JSON.stringify(JSON.parse($('data').value)) : $('data').value;
}

function wire() {
  $('view-mode').onchange = render;
  $('data').oninput = () => { dirty = true; };
  $('reload').onclick = () => attempt(() => showNode(current.path));
  $('save').onclick = () => attempt(async () => {
    try {
      await api('set', {}, { path: current.path, data: dataOf($('view-mode').value), version: current.stat.version });
    } catch (e) {
      if (e.status === 409) { $('live').textContent = 'changed by another client: not saved'; }
      throw e;
    }
    await showNode(current.path);
    say('saved ' + current.path);
  });
  $('create').onclick = () => attempt(async () => {
    const created = await api('create', {}, { path: childPath(current.path, $('child-name').value), data: $('child-data').value, mode: $('child-mode').value });
    await refreshChildren(current.path);
    say('created ' + created.path);
  });
  const remove = (recursive) => attempt(async () => {
    const path = current.path;
    if (!confirm(`Delete ${path}${recursive ? ' and everything under it' : ''}?`)) { return; }
    await api('delete', {}, { path, version: current.stat.version, recursive });
    await refreshChildren(parentOf(path));
    await showNode(parentOf(path));
    say('deleted ' + path);
  });
  $('delete').onclick = () => remove(false);
  $('delete-recursive').onclick = () => remove(true);
  $('acl-save').onclick = () => attempt(async () => {
    const acl = $('acl-edit').value.split('\n').filter((l) => l.trim()).map((line) => {
      const last = line.lastIndexOf(':'); const first = line.indexOf(':');
      return { scheme: line.substring(0, first), id: line.substring(first + 1, last), perms: line.substring(last + 1).trim() };
    });
    await api('acl', {}, { path: current.path, acl, version: current.stat.aversion });
    await showNode(current.path);
    say('ACL set on ' + current.path);
  });
  $('export').onclick = () => attempt(async () => {
    $('import-data').value = JSON.stringify(await api('export', { path: current.path }), null, 1);
    $('import-path').value = current.path;
    say('exported ' + current.path + ' (below, ready to copy or import elsewhere)');
  });
  $('import').onclick = () => attempt(async () => {
    const result = await api('import', {}, { path: $('import-path').value, tree: JSON.parse($('import-data').value) });
    await refreshChildren(parentOf(result.path));
    say(`imported ${result.nodes} nodes at ${result.path}`);
  });
  $('search-go').onclick = () => attempt(async () => {
    const json = await api('search', { q: $('search').value });
    $('search-results').replaceChildren(...json.paths.map((p) => {
      const li = Object.assign(document.createElement('li'), { className: 'name', textContent: p });
      li.onclick = () => attempt(() => showNode(p));
      return li;
    }));
  });
  $('signin').onclick = () => attempt(async () => session(await api('signin', {}, { user: $('user').value, password: $('password').value })));
  $('signout').onclick = () => attempt(async () => session(await api('signout', {}, {})));
  $('tab-tree').onclick = () => tab('tree');
  $('tab-server').onclick = () => tab('server');
}

// Changes pushed by the server (a persistent recursive watch of this session): refresh what is on screen.
function listen() {
  const events = new EventSource('/console/api/events');
  events.onmessage = (e) => quietly(async () => {
    const [type, path] = e.data.split(' ');
    if (current && path === current.path && type === 'NodeDataChanged') {
      // Never replace an edit in progress: say so, and let the version check refuse the stale save.
      if (dirty) { $('live').textContent = 'changed by another client while you were editing'; return; }
      await showNode(path);
      $('live').textContent = 'updated live by another client';
    }
    if (type === 'NodeCreated' || type === 'NodeDeleted') { await refreshChildren(parentOf(path)); }
  });
}

// A pushed change may name a node that is gone again by the time it is read: that is no error worth showing.
async function quietly(action) { try { await action(); } catch (e) { if (e.status !== 404) { say(e.message, 'error'); } } }

// The server page: figures from the monitor command every 2 s, and two small charts.
const history = { throughput: [], latency: [] };
let lastReceived = null;
let poller = null;
function tab(name) {
  $('page-tree').hidden = name !== 'tree';
  $('page-server').hidden = name !== 'server';
  $('tab-tree').classList.toggle('active', name === 'tree');
  $('tab-server').classList.toggle('active', name === 'server');
  clearInterval(poller);
  if (name === 'server') { poll(); poller = setInterval(poll, 2000); }
}

async function poll() {
  await attempt(async () => {
    const m = await api('server');
    const keys = ['server_state', 'version', 'znode_count', 'ephemerals_count', 'num_alive_connections', 'global_sessions',
      'watch_count', 'outstanding_requests', 'avg_latency', 'max_latency', 'packets_received', 'packets_sent', 'approximate_data_size', 'uptime'];
    $('server-figures').replaceChildren(...keys.map((k) => row(k, m[k])));
    if (lastReceived !== null) { history.throughput.push((m.packets_received - lastReceived) / 2); }
    lastReceived = m.packets_received;
    history.latency.push(m.avg_latency);
    draw($('chart-throughput'), history.throughput.slice(-60));
    draw($('chart-latency'), history.latency.slice(-60));
  });
}

function draw(canvas, values) {
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(1, ...values);
  g.beginPath();
  values.forEach((v, i) => g.lineTo(i * canvas.width / 59, canvas.height - 4 - v / max * (canvas.height - 8)));
  g.stroke();
  g.fillText(`max ${max.toFixed(1)}`, 4, 12);
}

wire();
attempt(async () => { await session(await api('session')); listen(); });
