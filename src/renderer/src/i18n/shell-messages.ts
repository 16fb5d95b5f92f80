export const shellMessages = {
  en: {
    app: {
      name: 'ZStack Desk',
      clusters: 'Clusters',
      activity: 'Activity',
      selectCluster: 'Select a cluster on the left, or add one.'
    },
    prefs: { theme: 'Theme', auto: 'Follow system', light: 'Light', dark: 'Dark', language: 'Language' },
    errors: { unexpected: 'Something went wrong', retry: 'Retry' },
    dialog: { close: 'Close dialog' }
  },
  'zh-CN': {
    app: {
      name: 'ZStack Desk',
      clusters: '集群',
      activity: '活动',
      selectCluster: '请在左侧选择一个集群，或添加集群。'
    },
    prefs: { theme: '主题', auto: '跟随系统', light: '浅色', dark: '深色', language: '语言' },
    errors: { unexpected: '出现问题', retry: '重试' },
    dialog: { close: '关闭对话框' }
  }
}
