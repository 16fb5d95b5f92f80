// The baseline page: fetch the JSON, write rows with plain DOM calls. No framework, no debounce, no store.
export function baselinePageHtml(sessionUuid: string): string {
  return `<!doctype html>
<html>
<head><meta charset="utf-8"><title>baseline</title>
<style>body{font:13px sans-serif;margin:8px}td{padding:2px 6px;border-bottom:1px solid #ddd}</style></head>
<body>
<button id="load">load</button> <input id="search" placeholder="search"> <button id="migrate">migrate</button>
<ul id="hosts"></ul>
<table><thead><tr><th>name</th><th>state</th><th>ip</th><th>cpu</th><th>memory</th><th>host</th></tr></thead>
<tbody id="rows"></tbody></table>
<script>
const session = ${JSON.stringify(sessionUuid)}
window.bench = { nextPaths: [] }
const get = (path) => fetch(path, { headers: { Authorization: 'OAuth ' + session } }).then((r) => r.json())
function renderRows(vms) {
  const body = document.getElementById('rows')
  const fragment = document.createDocumentFragment()
  for (const vm of vms) {
    const tr = document.createElement('tr')
    tr.className = 'row'
    const ip = (vm.vmNics || []).map((n) => n.ip).join(', ')
    for (const text of [vm.name, vm.state, ip, vm.cpuNum, Math.round(vm.memorySize / 1048576) + ' MiB', vm.hostUuid || '']) {
      const td = document.createElement('td')
      td.textContent = String(text)
      tr.appendChild(td)
    }
    fragment.appendChild(tr)
  }
  body.replaceChildren(fragment)
}
document.getElementById('load').addEventListener('click', async () => {
  renderRows((await get(window.bench.nextPaths[0])).inventories)
})
document.getElementById('search').addEventListener('input', async () => {
  renderRows((await get(window.bench.nextPaths[0])).inventories)
})
document.getElementById('migrate').addEventListener('click', async () => {
  const [candidates, ...zonePages] = await Promise.all(window.bench.nextPaths.map(get))
  const list = document.getElementById('hosts')
  const fragment = document.createDocumentFragment()
  const offered = new Set(candidates.inventories.map((h) => h.uuid))
  for (const host of zonePages.flatMap((page) => page.inventories)) {
    const li = document.createElement('li')
    li.className = 'host' + (offered.has(host.uuid) ? ' candidate' : '')
    li.textContent = host.name + ' ' + host.managementIp + ' ' + host.state + ' ' + host.status
    fragment.appendChild(li)
  }
  list.replaceChildren(fragment)
})
</script>
</body>
</html>`
}
