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
      total: '{vms} in {clusters}',
      vmCount: '{n} VM | {n} VMs',
      clusterCount: '{n} cluster | {n} clusters',
      filters: {
        state: 'State',
        anyState: 'Any state',
        cluster: 'Cluster',
        anyCluster: 'Every cluster',
        zone: 'Zone',
        anyZone: 'Any zone',
        zstackCluster: 'ZStack cluster',
        anyZStackCluster: 'Any ZStack cluster',
        host: 'Host',
        anyHost: 'Any host',
        placeNeedsCluster: 'Choose a cluster first',
        clear: 'Clear filters'
      },
      health: {
        open: 'Fleet health',
        title: 'Fleet health',
        caption: 'Health of each signed-in cluster',
        toList: 'VM list',
        session: 'Session',
        vms: 'VMs by state',
        hosts: 'Hosts',
        refreshed: 'Last refresh',
        hostCount: '{n} host | {n} hosts',
        usedOf: '{used} of {total} ({percent})',
        showAll: 'Show every VM of {cluster}',
        showState: 'Show the {n} {state} VMs of {cluster}',
        sessionState: {
          'signed-in': 'Signed in',
          expired: 'Session expired',
          unreachable: 'Unreachable',
          'signed-out': 'Signed out'
        }
      },
      hosts: {
        show: 'Show the hosts of {cluster}',
        hide: 'Hide the hosts of {cluster}',
        showWord: 'Show the {n} {word} hosts of {cluster}',
        label: 'Hosts of {cluster}',
        filtered: 'Showing the {word} hosts only.',
        showAll: 'Show every host',
        loading: 'Reading the hosts…',
        none: 'No host is known for this cluster yet.',
        noneMatch: 'No host is {word} now.',
        vmsFailed: 'The VMs on each host could not be counted',
        name: 'Host',
        state: 'State',
        status: 'Status',
        vms: 'VMs to move',
        vmsHelp: 'Running, Paused or Unknown VMs on the host: what a drain moves.',
        memory: 'Memory used',
        cpu: 'vCPU used',
        actions: 'Actions',
        noVms: 'none',
        blocked: {
          signedOut: 'Sign in to {cluster} to drain its hosts.',
          expired: 'The session of {cluster} expired: sign in again to drain its hosts.',
          unreachable: '{cluster} is not answering: these hosts are last known.',
          stale: 'These hosts are last known: refresh once {cluster} answers.',
          maintenance: '{host} is already in maintenance.',
          notConnected: '{host} is {status}: ZStack moves VMs only off a connected host.'
        }
      },
      menu: {
        label: 'View menu',
        showDemo: 'Show the Demo cluster',
        hideDemo: 'Hide the Demo cluster'
      },
      none: 'No cluster is signed in. Sign in to a cluster to see it here.',
      noMatch: 'No VM matches in any cluster that answered.',
      stale: 'last known, {age}',
      clearCache: 'Forget last-known rows',
      cleared: 'Last-known rows forgotten.',
      refresh: 'Refresh',
      state: {
        answered: '{count} VM | {count} VMs',
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
      total: '{clusters}中共 {vms}',
      vmCount: '{n} 台云主机',
      clusterCount: '{n} 个集群',
      filters: {
        state: '状态',
        anyState: '任意状态',
        cluster: '集群',
        anyCluster: '所有集群',
        zone: '区域',
        anyZone: '任意区域',
        zstackCluster: 'ZStack 集群',
        anyZStackCluster: '任意 ZStack 集群',
        host: '物理机',
        anyHost: '任意物理机',
        placeNeedsCluster: '请先选择集群',
        clear: '清除筛选'
      },
      health: {
        open: '集群健康概览',
        title: '集群健康概览',
        caption: '每个已登录集群的健康状况',
        toList: '云主机列表',
        session: '会话',
        vms: '各状态云主机',
        hosts: '物理机',
        refreshed: '上次刷新',
        hostCount: '{n} 台物理机',
        usedOf: '已用 {used}，共 {total}（{percent}）',
        showAll: '显示 {cluster} 的全部云主机',
        showState: '显示 {cluster} 中 {n} 台{state}的云主机',
        sessionState: {
          'signed-in': '已登录',
          expired: '会话已过期',
          unreachable: '无法连接',
          'signed-out': '未登录'
        }
      },
      hosts: {
        show: '显示 {cluster} 的物理机',
        hide: '隐藏 {cluster} 的物理机',
        showWord: '显示 {cluster} 中 {n} 台{word}的物理机',
        label: '{cluster} 的物理机',
        filtered: '仅显示{word}的物理机。',
        showAll: '显示全部物理机',
        loading: '正在读取物理机…',
        none: '尚不知道该集群有哪些物理机。',
        noneMatch: '当前没有{word}的物理机。',
        vmsFailed: '无法统计每台物理机上的云主机',
        name: '物理机',
        state: '状态',
        status: '连接状态',
        vms: '待迁出云主机',
        vmsHelp: '物理机上运行中、已暂停或状态未知的云主机：即清空时要迁出的云主机。',
        memory: '已用内存',
        cpu: '已用 vCPU',
        actions: '操作',
        noVms: '无',
        blocked: {
          signedOut: '登录 {cluster} 后才能清空其物理机。',
          expired: '{cluster} 的会话已过期：请重新登录后再清空其物理机。',
          unreachable: '{cluster} 无应答：以下为最后已知的物理机。',
          stale: '以下为最后已知的物理机：请在 {cluster} 应答后刷新。',
          maintenance: '{host} 已处于维护模式。',
          notConnected: '{host} {status}：ZStack 只能从已连接的物理机迁出云主机。'
        }
      },
      menu: {
        label: '视图菜单',
        showDemo: '显示演示集群',
        hideDemo: '隐藏演示集群'
      },
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
