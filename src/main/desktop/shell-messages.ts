// The few strings the Electron shell shows itself (native dialogs), in both of the app's languages.
const en = {
  startFailedTitle: 'ZStack Desk could not start',
  crashedMessage: 'ZStack Desk’s window stopped working',
  crashedDetail: (reason: string) =>
    `The page ended unexpectedly (${reason}). Migrations keep running and your settings are saved; reloading shows the window again.`,
  hungMessage: 'ZStack Desk’s window is not responding',
  hungDetail:
    'You can wait for it, or reload it. Migrations keep running and your settings are saved either way.',
  folderBusy: (holder: string, pid: number, dir: string) =>
    `Another ZStack Desk (${holder}, process ${pid}) is already using the data folder ${dir}. ` +
    'Close it first, or set ZSTACK_DESK_HOME to use another folder.',
  reload: 'Reload',
  wait: 'Wait',
  quit: 'Quit',
  view: 'View'
}

/** The lock file names its holder in English (it is read by both languages). */
const HOLDERS_ZH: Record<string, string> = { 'desktop app': '桌面应用', 'web host': 'Web 服务' }

const zhCN: typeof en = {
  startFailedTitle: 'ZStack Desk 无法启动',
  crashedMessage: 'ZStack Desk 的窗口已停止工作',
  crashedDetail: (reason: string) =>
    `页面意外结束（${reason}）。迁移仍在继续，设置均已保存；重新加载即可恢复窗口。`,
  hungMessage: 'ZStack Desk 的窗口没有响应',
  hungDetail: '可以继续等待，也可以重新加载。无论哪种，迁移都会继续，设置均已保存。',
  folderBusy: (holder: string, pid: number, dir: string) =>
    `另一个 ZStack Desk（${HOLDERS_ZH[holder] ?? holder}，进程 ${pid}）正在使用数据文件夹 ${dir}。` +
    '请先关闭它，或设置 ZSTACK_DESK_HOME 以使用其他文件夹。',
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
