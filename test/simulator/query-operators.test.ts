// Every q= operator, NULL tests, LIKE wildcards and escapes, dotted joins and the 400s for bad conditions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type HostInventory,
  type RunningSimulator,
  type VmInventory
} from '../../src/simulator'
import { allHosts, allVms, call, GB, logIn, query } from './sim-client'

let sim: RunningSimulator
let session: string
let vms: VmInventory[]
let hosts: HostInventory[]

beforeAll(async () => {
  sim = await startSimulator({ vms: 300 })
  session = await logIn(sim.url)
  vms = await allVms(sim.url, session)
  hosts = await allHosts(sim.url, session)
})
afterAll(() => sim.stop())

/** Runs a VM query with the given conditions (already URL-encoded) and returns the names found. */
async function vmNames(...conditions: string[]): Promise<string[]> {
  const q = conditions.map((condition) => `q=${condition}`).join('&')
  const found = await query<VmInventory>(sim.url, session, `/zstack/v1/vm-instances?limit=100000&${q}`)
  return found.map((vm) => vm.name).sort()
}

const names = (list: VmInventory[]): string[] => list.map((vm) => vm.name).sort()
const enc = encodeURIComponent

describe('comparison operators', () => {
  it('= and != on strings', async () => {
    const target = vms[10]!
    expect(await vmNames(`name=${enc(target.name)}`)).toEqual([target.name])
    expect(await vmNames('state!=Running')).toEqual(names(vms.filter((vm) => vm.state !== 'Running')))
  })

  it('compares numeric fields as numbers, not strings', async () => {
    const eight = 8 * GB
    expect(await vmNames(`memorySize>${eight}`)).toEqual(names(vms.filter((vm) => vm.memorySize > eight)))
    expect(await vmNames(`memorySize>=${eight}`)).toEqual(names(vms.filter((vm) => vm.memorySize >= eight)))
    expect(await vmNames(`memorySize<${eight}`)).toEqual(names(vms.filter((vm) => vm.memorySize < eight)))
    expect(await vmNames(`memorySize<=${eight}`)).toEqual(names(vms.filter((vm) => vm.memorySize <= eight)))
    // As strings "17179869184" < "8589934592": a string comparison would return nothing bigger than 8 GB here.
    expect((await vmNames(`memorySize>${eight}`)).length).toBeGreaterThan(0)
    expect(await vmNames(`cpuNum=2`)).toEqual(names(vms.filter((vm) => vm.cpuNum === 2)))
  })

  it('compares dates chronologically', async () => {
    const created = await vmNames(`createDate>${enc('2024-01-01 00:00:00')}`)
    const expected = vms.filter((vm) => new Date(`${vm.createDate} UTC`).getTime() > Date.UTC(2024, 0, 1))
    expect(created).toEqual(names(expected))
    expect(created.length).toBeGreaterThan(0)
    expect(created.length).toBeLessThan(vms.length)
  })

  it('?= and !?= take comma lists', async () => {
    expect(await vmNames('state?=Stopped,Paused')).toEqual(
      names(vms.filter((vm) => vm.state === 'Stopped' || vm.state === 'Paused'))
    )
    expect(await vmNames('state!?=Running,Stopped')).toEqual(
      names(vms.filter((vm) => vm.state !== 'Running' && vm.state !== 'Stopped'))
    )
    expect(await vmNames(`memorySize?=${GB},${2 * GB}`)).toEqual(
      names(vms.filter((vm) => vm.memorySize === GB || vm.memorySize === 2 * GB))
    )
  })

  it('takes the first operator in precedence order, so `!=` beats `=`', async () => {
    // "name!=x" must be "name != x", not "name! = x" (an unknown field).
    expect((await vmNames('name!=nothing')).length).toBe(vms.length)
  })

  it('ANDs repeated q parameters', async () => {
    expect(await vmNames('state=Running', 'hypervisorType=KVM', 'platform=Windows')).toEqual(
      names(
        vms.filter((vm) => vm.state === 'Running' && vm.hypervisorType === 'KVM' && vm.platform === 'Windows')
      )
    )
  })
})

describe('NULL', () => {
  it('is null and not null', async () => {
    const stopped = vms.filter((vm) => vm.hostUuid === undefined)
    expect(stopped.length).toBeGreaterThan(0)
    expect(await vmNames(enc('hostUuid is null'))).toEqual(names(stopped))
    expect(await vmNames(enc('hostUuid not null'))).toEqual(
      names(vms.filter((vm) => vm.hostUuid !== undefined))
    )
    // A raw '+' in the query string is a space.
    expect(await vmNames('hostUuid+is+null')).toEqual(names(stopped))
  })

  it('a NULL column satisfies no comparison, not even !=', async () => {
    const some = vms.find((vm) => vm.hostUuid)!.hostUuid!
    expect(await vmNames(`hostUuid!=${some}`)).toEqual(
      names(vms.filter((vm) => vm.hostUuid !== undefined && vm.hostUuid !== some))
    )
  })
})

describe('LIKE', () => {
  it('~= matches % and _ wildcards, case-insensitively', async () => {
    const webProd = names(vms.filter((vm) => vm.name.startsWith('web-prod')))
    expect(webProd.length).toBeGreaterThan(0)
    expect(await vmNames(`name~=${enc('web-prod%')}`)).toEqual(webProd)
    expect(await vmNames(`name~=${enc('WEB-PROD%')}`)).toEqual(webProd)
    expect(await vmNames(`name~=${enc('%-prod-000_')}`)).toEqual(
      names(vms.filter((vm) => /^.*-prod-000.$/.test(vm.name)))
    )
  })

  it('`_` is a wildcard and `\\_` a literal underscore', async () => {
    expect(await vmNames(`name~=${enc('db_backup_01')}`)).toEqual(['db_backup_01', 'dbxbackupx01'])
    expect(await vmNames(`name~=${enc('db\\_backup\\_01')}`)).toEqual(['db_backup_01'])
  })

  it('`%` is a wildcard and `\\%` a literal percent sign', async () => {
    expect(await vmNames(`name~=${enc('promo_50%')}`)).toEqual(['promo-500-offline', 'promo_50%_off'])
    expect(await vmNames(`name~=${enc('promo\\_50\\%%')}`)).toEqual(['promo_50%_off'])
  })

  it('!~= is NOT LIKE', async () => {
    expect(await vmNames(`name!~=${enc('%-prod-%')}`)).toEqual(
      names(vms.filter((vm) => !vm.name.includes('-prod-')))
    )
  })
})

describe('dotted joins', () => {
  it('host.name', async () => {
    const host = hosts.find((candidate) => vms.some((vm) => vm.hostUuid === candidate.uuid))!
    expect(await vmNames(`host.name=${host.name}`)).toEqual(
      names(vms.filter((vm) => vm.hostUuid === host.uuid))
    )
  })

  it('cluster.name with LIKE and zone.name', async () => {
    const clusters = await query<{ uuid: string; name: string }>(sim.url, session, '/zstack/v1/clusters')
    const prod = new Set(clusters.filter((c) => c.name.startsWith('cluster-prod')).map((c) => c.uuid))
    expect(await vmNames(`cluster.name~=${enc('cluster-prod%')}`)).toEqual(
      names(vms.filter((vm) => prod.has(vm.clusterUuid)))
    )
    const zones = await query<{ uuid: string; name: string }>(sim.url, session, '/zstack/v1/zones')
    const shanghai = zones.find((zone) => zone.name === 'zone-shanghai')!
    expect(await vmNames('zone.name=zone-shanghai')).toEqual(
      names(vms.filter((vm) => vm.zoneUuid === shanghai.uuid))
    )
  })

  it('vmNics.ip matches when any NIC has the address', async () => {
    const multi = vms.find((vm) => vm.vmNics.length > 1)!
    expect(multi).toBeDefined()
    expect(await vmNames(`vmNics.ip=${multi.vmNics[1]!.ip}`)).toEqual([multi.name])
    expect(await vmNames(`vmNics.ip=${multi.vmNics[0]!.ip}`)).toEqual([multi.name])
  })

  it('vmNics.ip prefixes (the indexed search) find what a scan of every NIC finds', async () => {
    const byIp = (test: (ip: string) => boolean): string[] =>
      names(vms.filter((vm) => vm.vmNics.some((nic) => test(nic.ip))))
    const ip = vms.find((vm) => vm.vmNics.length > 1)!.vmNics[1]!.ip
    const prefixes = [ip.slice(0, ip.lastIndexOf('.')), ip.slice(0, ip.indexOf('.', 3)), `${ip}`, '10.']
    for (const prefix of prefixes) {
      const expected = byIp((nic) => nic.startsWith(prefix))
      expect(expected.length).toBeGreaterThan(0)
      expect(await vmNames(`vmNics.ip~=${prefix}%25`)).toEqual(expected)
      // Not a pure prefix: answered from the index's candidates, then tested row by row.
      expect(await vmNames(`vmNics.ip~=${prefix}%25&q=state=Running`)).toEqual(
        names(
          vms.filter((vm) => vm.state === 'Running' && vm.vmNics.some((nic) => nic.ip.startsWith(prefix)))
        )
      )
    }
    const [a, b] = ip.split('.')
    expect(await vmNames(`vmNics.ip~=${a}.${b}._%25`)).toEqual(
      byIp((nic) => new RegExp(`^${a}\\.${b}\\.\\d`).test(nic))
    )
    expect(await vmNames(`vmNics.ip~=${ip}.%25`)).toEqual([])
  })

  it('allVolumes.type', async () => {
    expect(await vmNames('allVolumes.type=Data')).toEqual(
      names(vms.filter((vm) => vm.allVolumes.some((volume) => volume.type === 'Data')))
    )
  })

  it('joins from hosts to cluster and zone', async () => {
    const clusters = await query<{ uuid: string; name: string }>(sim.url, session, '/zstack/v1/clusters')
    const prodA = clusters.find((c) => c.name === 'cluster-prod-a')!
    const found = await query<HostInventory>(
      sim.url,
      session,
      '/zstack/v1/hosts?q=cluster.name=cluster-prod-a'
    )
    expect(found.map((host) => host.uuid).sort()).toEqual(
      hosts
        .filter((host) => host.clusterUuid === prodA.uuid)
        .map((host) => host.uuid)
        .sort()
    )
    const inZone = await query<HostInventory>(
      sim.url,
      session,
      '/zstack/v1/hosts?q=zone.name=zone-beijing&limit=1000'
    )
    expect(inZone.length).toBeGreaterThan(0)
    expect(inZone.length).toBeLessThan(hosts.length)
  })

  it('a to-one join with no row only satisfies is null', async () => {
    const hostless = names(vms.filter((vm) => vm.hostUuid === undefined))
    expect(await vmNames(enc('host.uuid is null'))).toEqual(hostless)
    expect((await vmNames('host.name!=nothing')).length).toBe(vms.length - hostless.length)
  })
})

describe('bad conditions', () => {
  it.each([
    ['no operator', 'q=name'],
    ['an unknown field', 'q=nosuch=1'],
    ['an unknown field tested for null', 'q=nosuch%20is%20null'],
    ['an unknown joined field', 'q=host.nosuch=1'],
    ['an unknown join', 'q=nosuch.name=x'],
    ['a word for a number', 'q=memorySize>big'],
    ['an empty field', 'q==x'],
    ['a word for a date', 'q=createDate>yesterday']
  ])('answers 400 plain text for %s', async (_case, params) => {
    const result = await call(sim.url, 'GET', `/zstack/v1/vm-instances?${params}`, { session })
    expect(result.status).toBe(400)
    expect(result.json).toBeUndefined()
  })
})
