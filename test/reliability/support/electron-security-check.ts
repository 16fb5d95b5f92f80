// A static check of Electron's security settings over source (or built) text: each rule returns findings, none means pass.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export interface SourceFile {
  path: string
  text: string
}

export interface Finding {
  file: string
  line: number
  rule: string
  message: string
}

/** Replaces comments with spaces (keeping line numbers and offsets) so prose about a setting is not the setting. */
export function stripComments(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]
    const next = text[i + 1]
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' '
        i++
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? text.length : end + 2
      out += text.slice(i, stop).replace(/[^\n]/g, ' ')
      i = stop
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else {
      out += c
      i++
    }
  }
  return out
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

const TRUE = String.raw`(?:true|!0|1)\b`
const FALSE = String.raw`(?:false|!1|0)\b`
const key = (name: string): string => String.raw`["']?\b${name}["']?\s*[:=]\s*`

/** Settings that switch off one of Electron's defences; any of them anywhere in main or preload fails. */
const DANGEROUS_SETTINGS: { rule: string; pattern: RegExp; message: string }[] = [
  {
    rule: 'node-integration',
    pattern: new RegExp(key('nodeIntegration(?:InWorker|InSubFrames)?') + TRUE, 'g'),
    message: 'nodeIntegration gives the page Node: keep it false.'
  },
  {
    rule: 'context-isolation',
    pattern: new RegExp(key('contextIsolation') + FALSE, 'g'),
    message: 'contextIsolation false lets the page reach the preload: keep it true.'
  },
  {
    rule: 'sandbox',
    pattern: new RegExp(key('sandbox') + FALSE, 'g'),
    message: 'sandbox false: keep the renderer sandboxed.'
  },
  {
    rule: 'web-security',
    pattern: new RegExp(key('webSecurity') + FALSE, 'g'),
    message: 'webSecurity false turns off the same-origin policy.'
  },
  {
    rule: 'insecure-content',
    pattern: /\ballowRunningInsecureContent\b/g,
    message: 'allowRunningInsecureContent must not appear: no http content in an https page.'
  },
  {
    rule: 'remote-module',
    pattern: /\benableRemoteModule\b|@electron\/remote/g,
    message: 'The remote module hands main-process objects to the page.'
  },
  {
    rule: 'webview-tag',
    pattern: new RegExp(key('webviewTag') + TRUE, 'g'),
    message: 'webviewTag true allows <webview>.'
  },
  {
    rule: 'experimental-features',
    pattern: new RegExp(key('experimentalFeatures') + TRUE, 'g'),
    message: 'experimentalFeatures enables untested Blink features.'
  }
]

export function checkDangerousSettings(file: SourceFile): Finding[] {
  const code = stripComments(file.text)
  const findings: Finding[] = []
  for (const setting of DANGEROUS_SETTINGS) {
    for (const match of code.matchAll(setting.pattern)) {
      findings.push({
        file: file.path,
        line: lineAt(code, match.index),
        rule: setting.rule,
        message: setting.message
      })
    }
  }
  return findings
}

/** The text of a call's arguments starting at the `(` at `open`, split at top-level commas. */
function callArguments(code: string, open: number): { args: string[]; end: number } | undefined {
  let depth = 0
  let current = ''
  const args: string[] = []
  for (let i = open; i < code.length; i++) {
    const c = code[i]!
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1
      current += code.slice(i, j + 1)
      i = j
      continue
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++
      if (depth === 1) continue
    } else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) {
        if (current.trim() !== '' || args.length > 0) args.push(current.trim())
        return { args, end: i }
      }
    } else if (c === ',' && depth === 1) {
      args.push(current.trim())
      current = ''
      continue
    }
    current += c
  }
  return undefined
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** True when braces between `from` and `to` never close the block `from` sits in. */
function sameBlock(code: string, from: number, to: number): boolean {
  let depth = 0
  for (let i = from; i < to; i++) {
    if (code[i] === '{') depth++
    else if (code[i] === '}' && --depth < 0) return false
  }
  return true
}

function matchingBrace(code: string, open: number): number {
  let depth = 0
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++
    else if (code[i] === '}' && --depth === 0) return i
  }
  return code.length
}

const GUARD_NAME = String.raw`isAllowedExternalUrl(?:\$\d+)?`

/** Is the call at `callIndex` with URL expression `arg` only reached after isAllowedExternalUrl(arg) said yes? */
function isGuarded(code: string, callIndex: number, arg: string): boolean {
  const before = code.slice(0, callIndex)
  const a = escapeRegExp(arg)
  const reassigned = (from: number): boolean =>
    new RegExp(String.raw`(^|[^.\w$])${a}\s*=[^=]`).test(code.slice(from, callIndex))
  // `if (isAllowedExternalUrl(url)) shell.openExternal(url)`, `... && shell.openExternal(url)` or a block `{ ... }`.
  const positive = new RegExp(
    String.raw`(?:if\s*\(\s*${GUARD_NAME}\(\s*${a}\s*\)\s*\)|${GUARD_NAME}\(\s*${a}\s*\)\s*&&)`,
    'g'
  )
  for (const m of before.matchAll(positive)) {
    const after = m.index + m[0].length
    const between = code.slice(after, callIndex)
    if (/^\s*(?:void\s+|await\s+|return\s+)?[\w$.]*$/.test(between)) return true
    const brace = between.search(/\S/)
    if (brace >= 0 && between[brace] === '{') {
      const open = after + brace
      if (matchingBrace(code, open) > callIndex && sameBlock(code, open + 1, callIndex) && !reassigned(after))
        return true
    }
  }
  // `if (!isAllowedExternalUrl(url)) return` (or throw), then the call later in the same block.
  const negative = new RegExp(
    String.raw`if\s*\(\s*!\s*${GUARD_NAME}\(\s*${a}\s*\)\s*\)\s*\{?\s*(?:return|throw)\b`,
    'g'
  )
  for (const m of before.matchAll(negative)) {
    const guardEnd = m.index + m[0].length
    if (sameBlock(code, guardEnd, callIndex) && !reassigned(guardEnd)) return true
  }
  return false
}

export function checkExternalLinks(file: SourceFile): Finding[] {
  const code = stripComments(file.text)
  const findings: Finding[] = []
  for (const match of code.matchAll(/\bopenExternal\b/g)) {
    const line = lineAt(code, match.index)
    const rest = code.slice(match.index + match[0].length)
    const paren = rest.search(/\S/)
    if (paren < 0 || rest[paren] !== '(') {
      findings.push({
        file: file.path,
        line,
        rule: 'open-external',
        message: 'openExternal passed around as a value: call it only on a checked URL.'
      })
      continue
    }
    const call = callArguments(code, match.index + match[0].length + paren)
    const arg = call?.args[0] ?? ''
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(arg)) {
      findings.push({
        file: file.path,
        line,
        rule: 'open-external',
        message: `openExternal(${arg.slice(0, 40)}): pass a variable checked by isAllowedExternalUrl.`
      })
    } else if (!isGuarded(code, match.index, arg)) {
      findings.push({
        file: file.path,
        line,
        rule: 'open-external',
        message: `openExternal(${arg}) is not guarded by isAllowedExternalUrl(${arg}).`
      })
    }
  }
  return findings
}

/** Names bound to each DeskApi method name: `DESK_API_METHODS.map((m) =>` or `for (const m of DESK_API_METHODS)`. */
function methodNameBindings(code: string): Set<string> {
  const names = new Set<string>()
  for (const m of code.matchAll(/DESK_API_METHODS\.map\(\s*\(?\s*([A-Za-z_$][\w$]*)/g)) names.add(m[1]!)
  for (const m of code.matchAll(/for\s*\(\s*(?:const|let)\s+([A-Za-z_$][\w$]*)\s+of\s+DESK_API_METHODS\b/g))
    names.add(m[1]!)
  return names
}

function isLocalFunction(code: string, expression: string): boolean {
  if (/^(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/.test(expression)) return true
  if (!/^[A-Za-z_$][\w$]*$/.test(expression)) return false
  const name = escapeRegExp(expression)
  return new RegExp(
    String.raw`(?:const|let|var)\s+${name}\s*=\s*(?:async\s+)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)|function\s+${name}\s*\(`
  ).test(code)
}

const CHANNEL_LITERAL = /^(['"`])[\w:.-]+\1$/

/**
 * The page may only get the typed bridge: every use of ipcRenderer must be an invoke of `IPC_CHANNEL_PREFIX + <method
 * from DESK_API_METHODS>`, or a subscription on the event channel through a local wrapper (the raw listener would get
 * the IpcRendererEvent, whose `sender` is ipcRenderer itself).
 */
export function checkPreloadBridge(file: SourceFile): Finding[] {
  const code = stripComments(file.text)
  const findings: Finding[] = []
  const methodNames = methodNameBindings(code)
  const add = (index: number, message: string): void => {
    findings.push({ file: file.path, line: lineAt(code, index), rule: 'raw-ipc', message })
  }
  // Imports of electron name ipcRenderer without using it; blank them out (an alias would hide later uses).
  const electronImport =
    /import\s*(?:type\s*)?\{[^}]*\}\s*from\s*['"]electron['"]|(?:const|let|var)\s*\{[^}]*\}\s*=\s*require\(\s*['"]electron['"]\s*\)/g
  const scanned = code.replace(electronImport, (text) => {
    if (/\bipcRenderer\s*(?:as|:)\s*[\w$]/.test(text)) return text
    return text.replace(/[^\n]/g, ' ')
  })
  for (const match of scanned.matchAll(/\bipcRenderer\b/g)) {
    const rest = code.slice(match.index + match[0].length)
    const member = /^\s*\.\s*([A-Za-z_$][\w$]*)\s*(\()?/.exec(rest)
    if (!member) {
      add(match.index, 'ipcRenderer itself is used as a value: expose only the typed bridge.')
      continue
    }
    const [, method, called] = member
    if (!called) {
      add(match.index, `ipcRenderer.${method} is passed around as a value: the page could call any channel.`)
      continue
    }
    const call = callArguments(code, match.index + match[0].length + member[0].length - 1)
    const [channel = '', second = ''] = call?.args ?? []
    if (method === 'invoke') {
      const prefixed = /^IPC_CHANNEL_PREFIX\s*\+\s*([A-Za-z_$][\w$]*)$/.exec(channel)
      if (!CHANNEL_LITERAL.test(channel) && !(prefixed && methodNames.has(prefixed[1]!))) {
        add(
          match.index,
          `ipcRenderer.invoke(${channel.slice(0, 40)}): the channel must be a DeskApi method, not chosen by the page.`
        )
      }
    } else if (['on', 'once', 'off', 'removeListener'].includes(method!)) {
      if (!CHANNEL_LITERAL.test(channel) && channel !== 'IPC_EVENT_CHANNEL') {
        add(
          match.index,
          `ipcRenderer.${method}(${channel.slice(0, 40)}): subscribe only to the event channel.`
        )
      } else if (!isLocalFunction(code, second)) {
        add(
          match.index,
          `ipcRenderer.${method} with the page's own listener leaks the IpcRendererEvent (and ipcRenderer).`
        )
      }
    } else {
      add(match.index, `ipcRenderer.${method} is not part of the typed bridge.`)
    }
  }
  for (const match of code.matchAll(/\bexposeIn(?:MainWorld|IsolatedWorld)\s*\(/g)) {
    const call = callArguments(code, match.index + match[0].length - 1)
    const value = call?.args[call.args.length - 1] ?? ''
    if (/\brequire\s*\(|^electron$|\bipcRenderer\b/.test(value)) {
      add(match.index, `exposeInMainWorld(${value.slice(0, 40)}): expose only the typed bridge.`)
    }
  }
  return findings
}

export function exposedWorldCount(file: SourceFile): number {
  return [...stripComments(file.text).matchAll(/\bexposeInMainWorld\s*\(/g)].length
}

/** A policy as directive → sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

const LOCAL_SOURCES = /^(?:'self'|'none'|'nonce-[^']+'|'sha(?:256|384|512)-[^']+')$/

export function checkCsp(policy: string | undefined, where: string): Finding[] {
  const finding = (rule: string, message: string): Finding => ({ file: where, line: 1, rule, message })
  if (!policy || policy.trim() === '') return [finding('csp-missing', 'No Content-Security-Policy.')]
  const csp = parseCsp(policy)
  const findings: Finding[] = []
  const defaults = csp.get('default-src')
  if (!defaults)
    findings.push(finding('csp-default', 'default-src is missing: everything not listed would be allowed.'))
  else if (defaults.some((s) => !LOCAL_SOURCES.test(s)))
    findings.push(finding('csp-default', `default-src allows ${defaults.join(' ')}.`))
  const scriptDirectives = ['script-src', 'script-src-elem', 'script-src-attr'].filter((d) => csp.has(d))
  const scriptSources =
    scriptDirectives.length > 0 ? scriptDirectives.flatMap((d) => csp.get(d)!) : (defaults ?? [])
  for (const source of scriptSources) {
    if (/^'unsafe-(?:eval|inline|hashes)'$/.test(source))
      findings.push(finding('csp-script', `Scripts allow ${source}.`))
    else if (!LOCAL_SOURCES.test(source))
      findings.push(finding('csp-script', `Scripts may load from ${source}: no remote script origins.`))
  }
  for (const [directive, sources] of csp) {
    if (sources.includes("'unsafe-eval'") && !directive.startsWith('script-src')) {
      findings.push(finding('csp-script', `${directive} allows 'unsafe-eval'.`))
    }
  }
  const connect = csp.get('connect-src') ?? defaults ?? []
  if (connect.some((s) => !LOCAL_SOURCES.test(s)))
    findings.push(finding('csp-connect', `connect-src allows ${connect.join(' ')}.`))
  const objects = csp.get('object-src') ?? defaults
  if (!objects || objects.join(' ') !== "'none'")
    findings.push(finding('csp-object', "object-src must be 'none'."))
  return findings
}

/** The content of the page's `<meta http-equiv="Content-Security-Policy">`, when there is one. */
export function cspFromHtml(html: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gis) ?? []) {
    const attributes = new Map<string, string>()
    for (const m of tag.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '')
    if (attributes.get('http-equiv')?.toLowerCase() === 'content-security-policy')
      return attributes.get('content')
  }
  return undefined
}

/** Every rule over a set of main/preload files. */
export function checkElectronSources(files: SourceFile[]): Finding[] {
  return files.flatMap((file) => [
    ...checkDangerousSettings(file),
    ...checkExternalLinks(file),
    ...checkPreloadBridge(file)
  ])
}

export function readSources(root: string, folder: string, extensions: RegExp): SourceFile[] {
  const files: SourceFile[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (extensions.test(name))
        files.push({ path: relative(root, full), text: readFileSync(full, 'utf8') })
    }
  }
  walk(join(root, folder))
  return files
}
