// The few strings the Electron shell shows itself (native dialogs), in both of the app's languages.
const en = {
  startFailedTitle: 'ZStack Desk could not start',
  crashedMessage: 'ZStack Desk’s window stopped working',
  crashedDetail: (reason: string) =>
    `The page ended unexpectedly (${reason}). Migrations keep running and your settings are saved; reloading shows the window again.`,
  hungMessage: 'ZStack Desk’s window is not responding',
  hungDetail:
    'You can wait for it, or reload it. Migrations keep running and your settings are saved either way.',
  reload: 'Reload',
  wait: 'Wait',
  quit: 'Quit',
  view: 'View'
}

const zhCN: typeof en = {
  startFailedTitle: 'ZStack Desk 无法启动',
  crashedMessage: 'ZStack Desk 的窗口已停止工作',
  crashedDetail: (reason: string) =>
    `页面意外结束（${reason}）。迁移仍在继续，设置均已保存；重新加载即可恢复窗口。`,
  hungMessage: 'ZStack Desk 的窗口没有响应',
  hungDetail: '可以继续等待，也可以重新加载。无论哪种，迁移都会继续，设置均已保存。',
  reload: '重新加载',
  wait: '等待',
  quit: '退出',
  view: '视图'
}

export type ShellMessages = typeof en

/** The messages for an OS locale such as "zh-CN" or "en-US". */
export function shellMessages(locale: string): ShellMessages {
  return locale.toLowerCase().startsWith('zh') ? zhCN : en
}
