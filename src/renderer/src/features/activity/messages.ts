import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    activity: {
      open: 'Activity',
      runningTitle: 'No migration running | 1 migration running | {n} migrations running',
      title: 'Activity',
      empty: 'No migrations yet. Start one with a VM’s Migrate action.',
      loading: 'Loading the migration history…',
      loadFailed: 'Could not load the migration history',
      noMatch: 'Nothing matches these filters.',
      filters: {
        cluster: 'Cluster',
        allClusters: 'All clusters',
        state: 'State',
        all: 'All states',
        active: 'In progress',
        succeeded: 'Succeeded',
        failed: 'Failed',
        vm: 'VM name',
        time: 'Started',
        since: {
          any: 'Any time',
          hour: 'Last hour',
          day: 'Last 24 hours',
          week: 'Last 7 days'
        }
      },
      export: {
        shown: 'Nothing shown | 1 entry shown | {n} entries shown',
        csv: 'Export CSV',
        json: 'Export JSON'
      },
      backend: {
        lostTitle: 'ZStack Desk’s back end stopped answering at {time}',
        lostBody:
          'Nothing on this page is being updated: migrations go on on the clusters, but their state here is the last one received. Start the web host again (npm run web) and reload this page.'
      },
      row: {
        migration: 'Migration',
        vm: 'VM',
        unknownSince: 'state unknown since {time}',
        notFollowed: 'not being followed',
        waitingForSignIn: 'Waiting for sign-in to {cluster}: its progress is unknown until then.',
        signIn: 'Sign in',
        auto: 'host chosen by ZStack',
        demo: 'Demo',
        started: 'Started {when}',
        localTime: '{when} (local time)',
        running: 'running for {elapsed}',
        took: 'took {duration}'
      },
      action: {
        start: 'Start',
        stop: 'Stop',
        state: {
          submitted: 'In progress',
          succeeded: 'Succeeded',
          failed: 'Failed',
          unknown: 'Outcome unknown'
        },
        unknown: 'ZStack Desk stopped before the answer: check the VM in ZStack',
        on: 'on {host}',
        then: 'then'
      },
      details: {
        back: 'All migrations',
        title: 'Migration of {vm}',
        params: 'Parameters sent',
        none: 'None: every option left to the server',
        yes: 'yes',
        job: 'Job UUID',
        id: 'Record',
        cluster: 'Cluster',
        vm: 'VM',
        created: 'Journaled',
        submitted: 'Submitted',
        finished: 'Finished',
        updated: 'Last update',
        requested: 'Destination asked',
        before: 'Placement before',
        after: 'Placement after'
      }
    }
  },
  'zh-CN': {
    activity: {
      open: '活动',
      runningTitle: '没有正在进行的迁移 | 1 个迁移正在进行 | {n} 个迁移正在进行',
      title: '活动',
      empty: '还没有迁移。可在云主机的“迁移”操作中开始。',
      loading: '正在加载迁移历史…',
      loadFailed: '无法加载迁移历史',
      noMatch: '没有符合筛选条件的记录。',
      filters: {
        cluster: '集群',
        allClusters: '全部集群',
        state: '状态',
        all: '全部状态',
        active: '进行中',
        succeeded: '成功',
        failed: '失败',
        vm: '云主机名称',
        time: '开始时间',
        since: {
          any: '任意时间',
          hour: '最近 1 小时',
          day: '最近 24 小时',
          week: '最近 7 天'
        }
      },
      export: {
        shown: '没有显示记录 | 显示 1 条记录 | 显示 {n} 条记录',
        csv: '导出 CSV',
        json: '导出 JSON'
      },
      backend: {
        lostTitle: 'ZStack Desk 后端在 {time} 停止响应',
        lostBody:
          '此页面上的内容不再更新：集群上的迁移仍在进行，但这里显示的是最后收到的状态。请重新启动 Web 服务（npm run web）并重新加载此页面。'
      },
      row: {
        migration: '迁移',
        vm: '云主机',
        unknownSince: '自 {time} 起状态未知',
        notFollowed: '未在跟踪',
        waitingForSignIn: '等待登录 {cluster}：登录前无法得知其进度。',
        signIn: '登录',
        auto: '由 ZStack 选择物理机',
        demo: '演示',
        started: '开始于 {when}',
        localTime: '{when}（本机时间）',
        running: '已运行 {elapsed}',
        took: '用时 {duration}'
      },
      action: {
        start: '启动',
        stop: '停止',
        state: {
          submitted: '进行中',
          succeeded: '成功',
          failed: '失败',
          unknown: '结果未知'
        },
        unknown: 'ZStack Desk 在收到应答前已停止：请在 ZStack 中查看该云主机',
        on: '在 {host} 上',
        then: '之后'
      },
      details: {
        back: '全部迁移',
        title: '{vm} 的迁移',
        params: '发送的参数',
        none: '无：所有选项由服务器决定',
        yes: '是',
        job: '任务 UUID',
        id: '记录',
        cluster: '集群',
        vm: '云主机',
        created: '记录时间',
        submitted: '提交时间',
        finished: '结束时间',
        updated: '最后更新',
        requested: '请求的目标',
        before: '迁移前位置',
        after: '迁移后位置'
      }
    }
  }
}
