import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    fleet: {
      allClusters: 'All clusters',
      title: 'All clusters',
      search: 'Search every cluster',
      searchPlaceholder: 'Name, IP or UUID, in every cluster (Ctrl+Shift+F)',
      tableLabel: 'VMs in every cluster',
      statusLabel: 'Cluster answers',
      columns: { cluster: 'Cluster', name: 'Name', state: 'State', ip: 'IP', cpu: 'vCPU', memory: 'Memory' },
      total: '{count} VMs in {clusters} clusters',
      none: 'No cluster is signed in. Sign in to a cluster to see it here.',
      noMatch: 'No VM matches in any cluster that answered.',
      stale: 'last known, {age}',
      clearCache: 'Forget last-known rows',
      cleared: 'Last-known rows forgotten.',
      refresh: 'Refresh',
      state: {
        answered: '{count} VMs',
        slow: 'slow: still loading',
        unreachable: 'unreachable',
        'session-expired': 'session expired: sign in',
        failed: 'failed'
      },
      age: {
        now: 'just now',
        minutes: '{n} min ago',
        hours: '{n} h ago',
        days: '{n} d ago'
      }
    }
  },
  'zh-CN': {
    fleet: {
      allClusters: '全部集群',
      title: '全部集群',
      search: '在所有集群中搜索',
      searchPlaceholder: '名称、IP 或 UUID，搜索所有集群（Ctrl+Shift+F）',
      tableLabel: '所有集群中的云主机',
      statusLabel: '各集群应答',
      columns: { cluster: '集群', name: '名称', state: '状态', ip: 'IP', cpu: 'vCPU', memory: '内存' },
      total: '{clusters} 个集群中共 {count} 台云主机',
      none: '尚未登录任何集群。登录集群后即可在此查看。',
      noMatch: '已应答的集群中没有匹配的云主机。',
      stale: '最后已知，{age}',
      clearCache: '清除最后已知数据',
      cleared: '已清除最后已知数据。',
      refresh: '刷新',
      state: {
        answered: '{count} 台云主机',
        slow: '较慢：仍在加载',
        unreachable: '无法连接',
        'session-expired': '会话已过期：请登录',
        failed: '失败'
      },
      age: {
        now: '刚刚',
        minutes: '{n} 分钟前',
        hours: '{n} 小时前',
        days: '{n} 天前'
      }
    }
  }
}
