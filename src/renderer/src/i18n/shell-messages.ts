export const shellMessages = {
  en: {
    app: {
      name: 'ZStack Desk',
      clusters: 'Clusters',
      activity: 'Activity',
      selectCluster: 'Select a cluster on the left, or add one.',
      sidebarToggle: 'Cluster list',
      sidebarHide: 'Hide the cluster list',
      sidebarShow: 'Show the cluster list',
      notices: 'Notices',
      close: 'Close'
    },
    prefs: { theme: 'Theme', auto: 'Follow system', light: 'Light', dark: 'Dark', language: 'Language' },
    errors: { unexpected: 'Something went wrong', retry: 'Retry' },
    dialog: { close: 'Close dialog' },
    hostWord: {
      Enabled: 'Enabled',
      Disabled: 'Disabled',
      PreMaintenance: 'Entering maintenance',
      Maintenance: 'Maintenance',
      Connected: 'Connected',
      Connecting: 'Connecting',
      Disconnected: 'Disconnected'
    }
  },
  'zh-CN': {
    app: {
      name: 'ZStack Desk',
      clusters: '集群',
      activity: '活动',
      selectCluster: '请在左侧选择一个集群，或添加集群。',
      sidebarToggle: '集群列表',
      sidebarHide: '隐藏集群列表',
      sidebarShow: '显示集群列表',
      notices: '通知',
      close: '关闭'
    },
    prefs: { theme: '主题', auto: '跟随系统', light: '浅色', dark: '深色', language: '语言' },
    errors: { unexpected: '出现问题', retry: '重试' },
    dialog: { close: '关闭对话框' },
    hostWord: {
      Enabled: '已启用',
      Disabled: '已停用',
      PreMaintenance: '正在进入维护模式',
      Maintenance: '维护模式',
      Connected: '已连接',
      Connecting: '连接中',
      Disconnected: '已断开'
    }
  }
}
