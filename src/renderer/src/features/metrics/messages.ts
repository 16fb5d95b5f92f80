import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    metrics: {
      tab: 'Metrics',
      loading: 'Loading charts…',
      range: 'Time range',
      ranges: { hour: 'Last hour', day: 'Last day', week: 'Last week' },
      cpu: 'CPU',
      memory: 'Memory',
      read: 'Read',
      write: 'Write',
      in: 'In',
      out: 'Out',
      charts: {
        cpu: 'CPU use (%)',
        memory: 'Memory use (%)',
        disk: 'Disk read / write (per second)',
        network: 'Network in / out (per second)'
      },
      period: 'One point every {period}',
      seconds: '{n} s',
      minutes: '{n} min',
      updated: 'Updated {time}; refreshes while this tab is open.',
      unavailable: {
        absent:
          'Monitoring is not available from this node: it does not provide ZWatch (open-source ZStack). Everything else works as usual.',
        denied:
          'Monitoring is not available from this node for this account (permission denied, ID.1002). Everything else works as usual.'
      },
      notRunning: 'This VM is not running on a host, so it reports no metrics.',
      summary: '{name}: latest {latest}, lowest {low}, highest {high}, average {mean}.',
      summaryEmpty: '{name}: no data in this range.',
      hostLoad: 'Last hour on average: CPU {cpu}, memory {memory}',
      loadColumn: 'Load (1 h)',
      leastBusy: 'Least busy first',
      switchOver: 'switch-over',
      aroundMigration: 'Around the migration',
      aroundMigrationHint:
        'From five minutes before the migration until now; the dashed line marks the switch-over.'
    }
  },
  'zh-CN': {
    metrics: {
      tab: '监控',
      loading: '正在加载图表…',
      range: '时间范围',
      ranges: { hour: '最近 1 小时', day: '最近 1 天', week: '最近 1 周' },
      cpu: 'CPU',
      memory: '内存',
      read: '读',
      write: '写',
      in: '入',
      out: '出',
      charts: {
        cpu: 'CPU 使用率 (%)',
        memory: '内存使用率 (%)',
        disk: '磁盘读 / 写（每秒）',
        network: '网络入 / 出（每秒）'
      },
      period: '每 {period} 一个数据点',
      seconds: '{n} 秒',
      minutes: '{n} 分钟',
      updated: '更新于 {time}；此标签页打开时会自动刷新。',
      unavailable: {
        absent: '此节点不提供监控：它没有 ZWatch（开源版 ZStack）。其他功能照常可用。',
        denied: '此节点的监控对当前账户不可用（权限不足，ID.1002）。其他功能照常可用。'
      },
      notRunning: '该云主机未在物理机上运行，因此没有监控数据。',
      summary: '{name}：最新 {latest}，最低 {low}，最高 {high}，平均 {mean}。',
      summaryEmpty: '{name}：此时间范围内没有数据。',
      hostLoad: '最近 1 小时平均：CPU {cpu}，内存 {memory}',
      loadColumn: '负载（1 小时）',
      leastBusy: '最空闲优先',
      switchOver: '切换',
      aroundMigration: '迁移前后',
      aroundMigrationHint: '从迁移前五分钟到现在；虚线标出切换时刻。'
    }
  }
}
