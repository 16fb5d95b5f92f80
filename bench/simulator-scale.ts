// The simulator at 100,000 VMs: start time, RSS, and a filtered sorted page against a trivial request on the same server.
// Run: npx tsx bench/simulator-scale.ts [vms]
import { createHash } from 'node:crypto'
import { startSimulator } from '../src/simulator'

const VMS = Number(process.argv[2] ?? 100_000)
const ROUNDS = 50
const WARM_UP = 5
const PAGE =
  '/zstack/v1/vm-instances?q=state=Running&q=name~=web%25&sort=-memorySize&limit=100&replyWithCount=true'
const TRIVIAL = '/zstack/v1/accounts/sessions/x/valid'
const TARGETS = { startMs: 10_000, rssMb: 500, pageMs: 50 }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return performance.now() - started
}

async function main(): Promise<void> {
  const started = performance.now()
  const sim = await startSimulator({ vms: VMS })
  const startMs = performance.now() - started
  const rssMb = process.memoryUsage().rss / 1024 / 1024

  try {
    const login = await fetch(`${sim.url}/zstack/v1/accounts/login`, {
      method: 'PUT',
      body: JSON.stringify({
        logInByAccount: {
          accountName: 'admin',
          password: createHash('sha512').update('password').digest('hex')
        }
      })
    })
    const { inventory } = (await login.json()) as { inventory: { uuid: string } }
    const auth = { Authorization: `OAuth ${inventory.uuid}` }

    const first = await fetch(sim.url + PAGE, { headers: auth })
    const body = (await first.json()) as { total: number; inventories: unknown[] }

    for (let i = 0; i < WARM_UP; i++) {
      await timed(sim.url + PAGE, auth)
      await timed(sim.url + TRIVIAL, {})
    }
    // Interleaved so drift (GC, CPU frequency) hits both series alike.
    const page: number[] = []
    const trivial: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      page.push(await timed(sim.url + PAGE, auth))
      trivial.push(await timed(sim.url + TRIVIAL, {}))
    }
    const pageMs = median(page)
    const trivialMs = median(trivial)
    const results = {
      vms: VMS,
      startMs: round(startMs, 0),
      rssMb: round(rssMb, 0),
      pageMatches: body.total,
      pageRows: body.inventories.length,
      pageMedianMs: round(pageMs),
      pageMaxMs: round(Math.max(...page)),
      trivialMedianMs: round(trivialMs),
      ratio: round(pageMs / trivialMs),
      pass: startMs < TARGETS.startMs && rssMb < TARGETS.rssMb && pageMs < TARGETS.pageMs
    }
    console.log(`simulator-scale: ${VMS} VMs`)
    console.log(`  start            ${results.startMs} ms   (target < ${TARGETS.startMs} ms)`)
    console.log(`  RSS after start  ${results.rssMb} MB   (target < ${TARGETS.rssMb} MB)`)
    console.log(
      `  page of ${results.pageRows} (of ${results.pageMatches} matches): median ${results.pageMedianMs} ms, max ${results.pageMaxMs} ms (target < ${TARGETS.pageMs} ms)`
    )
    console.log(`  trivial request: median ${results.trivialMedianMs} ms`)
    console.log(`  ratio page/trivial: ${results.ratio}`)
    console.log(JSON.stringify(results))
    if (!results.pass) process.exitCode = 1
  } finally {
    await sim.stop()
  }
}

await main()
