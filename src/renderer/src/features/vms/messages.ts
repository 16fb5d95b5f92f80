import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    vms: {
      zone: {
        asWritten: 'node time, as written',
        yourTime: 'your time',
        converted: 'your time; node {node}',
        titled: '{title} ({zone})'
      },
      gaps: {
        zones: 'Zone names are not shown: {reason}.',
        clusters: 'Cluster names are not shown: {reason}.',
        hosts: "Host names and the zone's other hosts are not shown: {reason}.",
        primaryStorage: "Storage is not shown, so hosts without the VM's storage are not marked: {reason}.",
        denied: 'this account may not read them (ID.1002)',
        notOnNode: 'this management node does not provide them',
        failed: 'the management node answered {code}'
      },
      search: 'Search VMs',
      tableLabel: 'VMs',
      searchPlaceholder: 'Name, UUID or IP',
      filters: {
        state: 'State',
        zone: 'Zone',
        cluster: 'Cluster',
        host: 'Host',
        appliance: 'Show appliance VMs',
        clear: 'Clear filters'
      },
      columns: {
        name: 'Name',
        state: 'State',
        ip: 'IP',
        host: 'Host',
        cluster: 'Cluster',
        cpu: 'vCPU',
        memory: 'Memory (GiB)',
        created: 'Created',
        actions: 'Actions'
      },
      actions: { inspect: 'Inspect', migrate: 'Migrate', start: 'Start', stop: 'Stop' },
      migrateBlocked:
        'Only a Running, Paused or Unknown VM can be live-migrated; this one is {state}. Start it first, or wait until it settles.',
      stopBlocked: 'A VM that is {state} cannot be stopped; wait until it settles.',
      staleActions:
        'The cluster does not answer: this row is the last known, from {time}. Actions come back once it answers.',
      stopTitle: 'Stop {name}?',
      stopBody: 'The guest operating system is shut down; anything running in it stops.',
      cancel: 'Cancel',
      appliance: 'appliance',
      lastHost: 'last on {name}',
      total: '{n} VM | {n} VMs',
      empty: 'This cluster has no VMs.',
      emptyFiltered: 'No VM matches these filters.',
      refresh: 'Refresh',
      loadingRows: 'Loading VMs…',
      goToPage: 'Go to page',
      autoRefresh: 'Auto-refresh',
      autoRefreshEvery: 'Auto-refresh interval',
      everySeconds: 'every {n} s',
      everyMinutes: 'every {n} min',
      updatedAt: 'Updated {time}',
      banner: {
        expiredTitle: 'Session expired',
        expired: 'Sign in again to load the VMs; your filters and page are kept.',
        expiredWithData:
          'Showing data from {time}. Sign in again to refresh it; your filters and page are kept.',
        signInAgain: 'Sign in again',
        staleUnreachable: 'Showing data from {time}, cluster unreachable',
        stale: 'Showing data from {time}; the last refresh failed',
        cached: 'Showing the saved list from {time} while it refreshes…'
      }
    },
    vmState: {
      Created: 'Created',
      Starting: 'Starting',
      Running: 'Running',
      Stopping: 'Stopping',
      Stopped: 'Stopped',
      Rebooting: 'Rebooting',
      Destroying: 'Destroying',
      Destroyed: 'Destroyed',
      Migrating: 'Migrating',
      Expunging: 'Expunging',
      Pausing: 'Pausing',
      Paused: 'Paused',
      Resuming: 'Resuming',
      VolumeMigrating: 'Moving volumes',
      VolumeRecovering: 'Recovering volumes',
      Error: 'Error',
      NoState: 'No state',
      Unknown: 'Unknown',
      Crashed: 'Crashed'
    }
  },
  'zh-CN': {
    vms: {
      zone: {
        asWritten: '节点时间，原样显示',
        yourTime: '本机时间',
        converted: '本机时间；节点 {node}',
        titled: '{title}（{zone}）'
      },
      gaps: {
        zones: '未显示区域名称：{reason}。',
        clusters: '未显示集群名称：{reason}。',
        hosts: '未显示物理机名称及本区域的其他物理机：{reason}。',
        primaryStorage: '未显示主存储，因此未标出缺少该云主机存储的物理机：{reason}。',
        denied: '此账户无权读取（ID.1002）',
        notOnNode: '此管理节点不提供这些信息',
        failed: '管理节点返回了 {code}'
      },
      search: '搜索云主机',
      tableLabel: '云主机',
      searchPlaceholder: '名称、UUID 或 IP',
      filters: {
        state: '状态',
        zone: '区域',
        cluster: '集群',
        host: '物理机',
        appliance: '显示系统云主机',
        clear: '清除筛选'
      },
      columns: {
        name: '名称',
        state: '状态',
        ip: 'IP',
        host: '物理机',
        cluster: '集群',
        cpu: 'vCPU',
        memory: '内存 (GiB)',
        created: '创建时间',
        actions: '操作'
      },
      actions: { inspect: '详情', migrate: '迁移', start: '启动', stop: '停止' },
      migrateBlocked:
        '只有运行中、已暂停或未知状态的云主机可以热迁移；该云主机当前为 {state}。请先启动，或等待其状态稳定。',
      stopBlocked: '{state}状态的云主机无法停止，请等待其状态稳定。',
      staleActions: '集群无法连接：此行是 {time} 的最后已知数据。集群恢复响应后即可操作。',
      stopTitle: '停止 {name}？',
      stopBody: '将关闭客户机操作系统，其中运行的程序都会停止。',
      cancel: '取消',
      appliance: '系统',
      lastHost: '上次位于 {name}',
      total: '共 {n} 台',
      empty: '该集群没有云主机。',
      emptyFiltered: '没有符合筛选条件的云主机。',
      refresh: '刷新',
      loadingRows: '正在加载云主机…',
      goToPage: '跳至页',
      autoRefresh: '自动刷新',
      autoRefreshEvery: '自动刷新间隔',
      everySeconds: '每 {n} 秒',
      everyMinutes: '每 {n} 分钟',
      updatedAt: '更新于 {time}',
      banner: {
        expiredTitle: '会话已过期',
        expired: '请重新登录以加载云主机；筛选条件和页码会保留。',
        expiredWithData: '当前显示 {time} 的数据。重新登录即可刷新；筛选条件和页码会保留。',
        signInAgain: '重新登录',
        staleUnreachable: '当前显示 {time} 的数据，集群无法连接',
        stale: '当前显示 {time} 的数据，最近一次刷新失败',
        cached: '正在刷新，先显示 {time} 保存的列表…'
      }
    },
    vmState: {
      Created: '已创建',
      Starting: '启动中',
      Running: '运行中',
      Stopping: '停止中',
      Stopped: '已停止',
      Rebooting: '重启中',
      Destroying: '删除中',
      Destroyed: '已删除',
      Migrating: '迁移中',
      Expunging: '彻底删除中',
      Pausing: '暂停中',
      Paused: '已暂停',
      Resuming: '恢复中',
      VolumeMigrating: '云盘迁移中',
      VolumeRecovering: '云盘恢复中',
      Error: '错误',
      NoState: '无状态',
      Unknown: '未知',
      Crashed: '已崩溃'
    }
  }
}
