// The migrate dialog opened on the fixtures' plan, and the few ways the tests fill and read it.
import { api as realApi } from '@renderer/api'
import MigrateDialog from '@renderer/features/migrate/MigrateDialog.vue'
import { useMigrationsStore } from '@renderer/stores/migrations'
import type { FakeApi } from './fake-api'
import { VM, plan } from './fixtures'
import { byTestId, mountInApp, settle } from '../support/mount'

/** The mocked api module (each test file mocks `@renderer/api` with createFakeApi). */
export const fakeApi = (): FakeApi => realApi as unknown as FakeApi

export async function openDialog(planPatch: Parameters<typeof plan>[0] = {}) {
  fakeApi().getMigrationPlan.mockResolvedValue({ ok: true, data: plan(planPatch) })
  const wrapper = mountInApp(MigrateDialog)
  useMigrationsStore().openDialog('demo', VM)
  await settle()
  return wrapper
}

export async function type(testId: string, text: string): Promise<void> {
  const input = byTestId(testId)?.querySelector('input')
  if (!input) throw new Error(`no input in ${testId}`)
  input.value = text
  input.dispatchEvent(new Event('input'))
  await settle(2)
}

export const submitButton = (): HTMLButtonElement => byTestId('migrate-submit') as HTMLButtonElement
export const requestJson = (): unknown => JSON.parse(byTestId('request-json')!.textContent!)
