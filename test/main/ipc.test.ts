import { describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { guardApi } from '../../src/main/api-guard'
import type { DeskHandlers } from '../../src/main/desk-handlers'
import { IPC_CHANNEL_PREFIX, registerDeskIpc, trustOnly } from '../../src/main/ipc'
import { DESK_API_METHODS } from '../../src/shared/api'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

function setup() {
  const handlers = Object.fromEntries(
    DESK_API_METHODS.map((m) => [m, vi.fn(async () => 'done')])
  ) as unknown as DeskHandlers
  const registered = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, fn: Handler) => void registered.set(channel, fn) }
  const ownPage = 'app://desk/index.html'
  registerDeskIpc(
    ipcMain as never,
    guardApi(handlers),
    trustOnly(
      () => 7,
      (origin) => origin === 'app://desk'
    )
  )
  const event = (senderId: number, url: string, parent: unknown = null) =>
    ({ sender: { id: senderId }, senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent
  const invoke = (method: string, ev: IpcMainInvokeEvent, ...args: unknown[]) =>
    registered.get(IPC_CHANNEL_PREFIX + method)!(ev, ...args)
  return { handlers, registered, event, invoke, ownPage }
}

describe('registerDeskIpc', () => {
  it('registers exactly one channel per DeskApi method', () => {
    const { registered } = setup()
    expect([...registered.keys()].sort()).toEqual(DESK_API_METHODS.map((m) => IPC_CHANNEL_PREFIX + m).sort())
  })

  it('answers the app’s own window', async () => {
    const { invoke, event, ownPage, handlers } = setup()
    expect(await invoke('getAppInfo', event(7, ownPage))).toEqual({ ok: true, data: 'done' })
    expect(handlers.getAppInfo).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['another webContents', 8, 'app://desk/index.html', null],
    ['a foreign page in our window', 7, 'https://evil.example/', null],
    ['a look-alike origin', 7, 'app://desk.evil.example/index.html', null],
    ['a local file (whose origin is opaque)', 7, 'file:///app/out/renderer/index.html', null],
    ['an unparsable URL', 7, 'not a url', null],
    ['a sub-frame of our page', 7, 'app://desk/index.html', { url: 'x' }]
  ])('drops a call from %s', async (_name, id, url, parent) => {
    const { invoke, event, handlers } = setup()
    const result = await invoke('getAppInfo', event(id, url, parent))
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(handlers.getAppInfo).not.toHaveBeenCalled()
  })

  it('compares origins, so another page of our own origin is trusted too', async () => {
    const { invoke, event, handlers } = setup()
    expect(await invoke('getAppInfo', event(7, 'app://desk/index.html#/vms?x=1'))).toEqual({
      ok: true,
      data: 'done'
    })
    expect(handlers.getAppInfo).toHaveBeenCalledTimes(1)
  })

  it('rejects malformed arguments before the implementation', async () => {
    const { invoke, event, ownPage, handlers } = setup()
    const result = await invoke('signIn', event(7, ownPage), {
      profileId: 'p',
      accountName: 'admin',
      password: 5,
      rememberPassword: 'yes'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const extra = await invoke('getAppInfo', event(7, ownPage), undefined, 'second')
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(handlers.signIn).not.toHaveBeenCalled()
    expect(handlers.getAppInfo).not.toHaveBeenCalled()
  })
})
