import { useI18n } from 'vue-i18n'

/** A VM state in the user's language; a state this build does not know is shown as ZStack spells it. */
export function useVmStateLabel(): (state: string) => string {
  const { t, te } = useI18n()
  return (state) => (te(`vmState.${state}`) ? t(`vmState.${state}`) : state)
}
