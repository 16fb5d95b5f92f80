// The charts baseline: fetch the six series with plain fetch and draw four uPlot charts, nothing else.
export function baselineChartsHtml(sessionUuid: string): string {
  return `<!doctype html>
<html>
<head><meta charset="utf-8"><title>charts baseline</title>
<link rel="stylesheet" href="/uplot.min.css">
<style>body{font:13px sans-serif;margin:8px;width:660px}</style></head>
<body>
<button id="charts">charts</button>
<div id="plots"></div>
<script src="/uplot.iife.min.js"></script>
<script>
const session = ${JSON.stringify(sessionUuid)}
window.bench = { nextPaths: [] }
const get = (path) => fetch(path, { headers: { Authorization: 'OAuth ' + session } }).then((r) => r.json())
const toSeries = (answer) => [answer.data.map((p) => p.time), answer.data.map((p) => p.value)]
document.getElementById('charts').addEventListener('click', async () => {
  const [cpu, memory, read, write, netIn, netOut] = (await Promise.all(window.bench.nextPaths.map(get))).map(toSeries)
  const root = document.getElementById('plots')
  root.replaceChildren()
  const charts = [
    ['cpu', [cpu[0], cpu[1]]],
    ['memory', [memory[0], memory[1]]],
    ['disk', [read[0], read[1], write[1]]],
    ['network', [netIn[0], netIn[1], netOut[1]]]
  ]
  for (const [name, data] of charts) {
    const box = document.createElement('div')
    root.appendChild(box)
    const series = [{}, ...data.slice(1).map((_, i) => ({ label: name + i, stroke: i ? '#f0a020' : '#18a058' }))]
    new uPlot({
      width: 640,
      height: 160,
      series,
      hooks: { draw: [() => { if (!box.querySelector('i.painted')) box.appendChild(document.createElement('i')).className = 'painted' }] }
    }, data, box)
  }
})
</script>
</body>
</html>`
}
