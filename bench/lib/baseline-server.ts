// Serves the baseline page and forwards /zstack/* to the simulator, so the page's fetches are same-origin.
import { readFileSync } from 'node:fs'
import { Agent, createServer, request as httpRequest, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { baselineChartsHtml } from './baseline-charts-page'
import { baselinePageHtml } from './baseline-page'

/** The chart library's own files, for the charts baseline (the same uPlot the app bundles). */
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'))
const ASSETS: Record<string, [string, string]> = {
  '/uplot.iife.min.js': ['uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
  '/uplot.min.css': ['uPlot.min.css', 'text/css; charset=utf-8']
}

export interface BaselineServer {
  url: string
  close(): Promise<void>
}

export async function startBaselineServer(
  simulatorUrl: string,
  sessionUuid: string
): Promise<BaselineServer> {
  const target = new URL(simulatorUrl)
  const agent = new Agent({ keepAlive: true })
  const page = baselinePageHtml(sessionUuid)
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(page)
      return
    }
    if (req.url === '/charts') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(baselineChartsHtml(sessionUuid))
      return
    }
    const asset = req.url ? ASSETS[req.url] : undefined
    if (asset) {
      res.writeHead(200, { 'Content-Type': asset[1] })
      res.end(readFileSync(join(UPLOT_DIR, asset[0])))
      return
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    if (!req.url?.startsWith('/zstack/')) {
      res.writeHead(404).end()
      return
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      agent.destroy()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
