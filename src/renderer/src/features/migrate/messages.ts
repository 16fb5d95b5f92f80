import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    migrate: {
      title: 'Migrate {name}',
      action: 'Migrate',
      loadingPlan: 'Asking ZStack which hosts can take this VM…',
      planFailed: 'Could not load the destination hosts',
      blocked: 'This VM cannot be migrated now',
      vm: {
        vcpu: '{n} vCPU',
        nowOn: 'Now on',
        host: 'Host',
        cluster: 'Cluster',
        zone: 'Zone',
        noHost: 'no host'
      },
      hosts: {
        title: 'Destination host',
        auto: 'Let ZStack choose',
        autoHint: "ZStack's allocator picks a host with room; no host is sent.",
        search: 'Search by name, IP or cluster',
        candidates: 'Candidate hosts ({n})',
        candidatesShown: 'Candidate hosts ({shown} of {n} match)',
        noCandidates:
          'ZStack offers no host for this VM. The list below says why each host of its zone is left out.',
        noMatch: 'No host matches “{q}”.',
        others: 'Hosts in the VM’s zone that cannot take it ({n})',
        othersShown: 'Hosts in the VM’s zone that cannot take it ({shown} of {n} match)',
        othersHint:
          'The other hosts of zone {zone}: ZStack does not offer them for this VM, and “Why not” gives each one’s reason. They cannot be picked.',
        name: 'Host',
        ip: 'Management IP',
        cluster: 'Cluster',
        stateStatus: 'State / status',
        freeCpu: 'Free vCPU',
        freeMemory: 'Free memory',
        reason: 'Why not',
        free: '{free} of {total} free',
        need: 'VM needs {need}',
        select: 'Select {name}',
        legend: 'How to read the capacity bars',
        legendUsed: 'in use',
        legendFits: 'this VM, fits',
        legendShort: 'this VM, does not fit',
        legendFree: 'free'
      },
      reason: {
        'current-host': 'Current host: the VM runs here now',
        maintenance: 'In maintenance',
        preMaintenance: 'Entering maintenance',
        disabled: 'Disabled by an administrator',
        disconnected: 'Not connected to the management node ({status})',
        'not-enough-memory': 'Not enough memory: needs {need}, has {has} free',
        'not-enough-cpu': 'Not enough vCPU: needs {need}, has {has} free',
        'other-hypervisor': 'Other hypervisor: {host}, the VM needs {vm}',
        'storage-not-attached': "The VM's primary storage is not attached to this host's cluster",
        'not-offered': "Not offered by ZStack's allocator (tags, networks or other placement rules)"
      },
      fields: {
        title: 'Options',
        strategy: 'Strategy',
        strategyDefault: 'Default (not sent)',
        strategyHintVersion:
          'auto-converge slows the guest’s vCPUs so memory copying can catch up with a busy VM. This node runs ZStack {version}, which accepts no other strategy.',
        strategyHint:
          'auto-converge slows the guest’s vCPUs so memory copying can catch up with a busy VM. Newer releases accept more names: type one.',
        downTime: 'Down time',
        downTimePlaceholder: 'Server default',
        downTimeHint:
          'The longest pause the VM may take at switch-over, in milliseconds (1 to 600000). Leave empty for the server default.',
        migrateFromDestination: 'Migrate from destination',
        migrateFromDestinationHint:
          'Run the migration command from the destination host instead of the source.',
        allowUnknown: 'Allow unknown',
        allowUnknownHint:
          'Documented as allowing a VM whose state is Unknown; ZStack 5.2.1 uses it to ignore L2 network check failures on the destination.',
        systemTags: 'System tags',
        userTags: 'User tags',
        addTagTo: 'Add to {field}',
        tagsHint: 'Sent beside the action; up to 50 tags of up to 512 characters.',
        addTag: 'Add'
      },
      invalid: {
        hostRequired: 'Pick a destination host, or choose “Let ZStack choose”.',
        hostUuid: 'A host UUID is 32 hexadecimal characters.',
        strategy:
          'A strategy name starts with a letter or digit and has up to 64 letters, digits, “.”, “_” or “-” (such as auto-converge).',
        strategyVersion:
          'This node runs ZStack {version}, which accepts only {accepted}: choose it or the default.',
        downTimeNotNumber: 'Type a number of milliseconds, such as 500.',
        downTimeWhole: 'Type a whole number of milliseconds, without a fraction.',
        downTimeRange: 'Must be from {min} to {max} milliseconds.',
        tooManyTags: 'At most {max} tags.',
        emptyTag: 'A tag cannot be empty.',
        tagTooLong: 'A tag has at most {max} characters; this one has {length}.'
      },
      preview: {
        title: 'Request',
        hint: 'Exactly what ZStack will receive. The session id stays a placeholder: it never reaches this window.',
        copyCurl: 'Copy as cURL',
        copyJson: 'Copy JSON',
        copied: 'Copied to the clipboard',
        copyFailed: 'Could not reach the clipboard: select the text and copy it by hand.',
        noEndpoint: 'The cluster’s address is unknown, so no cURL command can be built.',
        incomplete: 'Fields marked in red are left out until they are fixed.'
      },
      submit: 'Migrate',
      submitting: 'Submitting…',
      cancel: 'Cancel',
      close: 'Close',
      discard: {
        title: 'Discard this migration?',
        body: 'The host and options chosen here are forgotten. Nothing has been sent to ZStack.',
        confirm: 'Discard',
        keep: 'Keep editing'
      },
      fixFirst: 'Fix the fields marked in red first.',
      submitFailed: 'The migration was not started',
      notSentRetry: 'Nothing was migrated. Correct what is described and submit again.',
      maybeSent: 'It is not certain whether ZStack received the request: check Activity before trying again.',
      progress: {
        submitted: 'Submitted',
        running: 'Migrating',
        done: 'Done',
        failedTitle: 'Failed',
        pending: 'Journaled, sending to ZStack…',
        route: 'From {from} to {to}',
        autoTarget: 'a host ZStack chooses',
        accepted: 'Accepted by ZStack as job {job}',
        elapsed: 'Running for {elapsed}',
        observed: 'VM state',
        waitingState: 'not read yet',
        closeHint: 'You can close this window: the migration goes on and stays in Activity.',
        finishedAt: 'Finished at {time}',
        problem: 'Following this migration met a problem'
      },
      live: {
        progressLabel: 'Migration progress',
        percent: '{percent} % · {stage}',
        stage: {
          transfer: 'copying memory to the destination',
          'switch-over': 'the hypervisor finished; switching over',
          done: 'finishing'
        },
        noProgressYet: 'The node has not reported progress for this migration yet.',
        noProgressPlain:
          'No progress to show: this migration was sent as a plain migrateVm action, for which ZStack reports none. Only the elapsed time is known.',
        underMinute: 'less than a minute',
        minutes: 'about 1 min | about {n} min',
        estimate:
          '{left} left, going by 1 earlier migration on this cluster of a VM with similar memory ({min} to {max}), which took {typical} | {left} left, going by {n} earlier migrations on this cluster of VMs with similar memory ({min} to {max}): they took {typical} (median)',
        overdue:
          'Taking longer than usual: 1 earlier migration of similar memory ({min} to {max}) on this cluster took {typical} | Taking longer than usual: {n} earlier migrations of similar memory ({min} to {max}) on this cluster took {typical} (median)',
        noEstimate:
          'No estimate of the time left: this cluster has no finished migration of a VM with similar memory yet.',
        cancel: 'Cancel migration…',
        cancelTitle: 'Cancel the migration of {vm}?',
        cancelBody:
          'ZStack stops copying memory and the VM goes on running on {from}, in the state it was in. Cancelling cannot undo a switch-over that has already happened: if it comes too late, the migration completes on {to} and is recorded as succeeded. Nothing else is changed or rolled back.',
        cancelConfirm: 'Cancel migration',
        cancelKeep: 'Keep migrating',
        canceling: 'Cancelling: waiting for ZStack to stop the migration…',
        cancelFailed: 'The migration was not cancelled',
        noCancel:
          'No Cancel here: {cluster} offers no long-job API, so this migration was sent as a plain migrateVm action, which ZStack cannot stop; it runs to its end.',
        canceledTitle: 'Cancelled',
        canceled: 'The migration was cancelled; the VM stayed on {host}.',
        tooLate: 'Cancel came too late: the migration had already switched over, so it completed.',
        retry: 'Retry migration',
        retryHint: 'Sends a new migration with the same parameters.',
        retryFailed: 'The migration was not retried'
      },
      result: {
        comparison: 'Before and after',
        before: 'Before',
        after: 'After',
        host: 'Host',
        lastHost: 'Last host',
        cluster: 'Cluster',
        zone: 'Zone',
        changed: 'changed',
        duration: 'Time taken',
        inventory: 'Inventory returned by ZStack',
        name: 'Name',
        uuid: 'UUID',
        state: 'State',
        cpuMemory: 'vCPU / memory',
        ips: 'IP addresses',
        fullJson: 'Full inventory (JSON)',
        openInspector: 'Open in inspector',
        showActivity: 'Show in Activity',
        code: 'Code',
        description: 'Description',
        details: 'Details',
        whatToDo: 'What to do',
        noAdvice: 'Nothing to do: this is for your information.',
        signIn: 'Sign in again',
        recheck: 'The VM now',
        rechecking: 'Reading the VM’s current state…',
        recheckFailed: 'Could not read the VM again',
        reread: 'Read again',
        onHost: 'on {host}',
        stopped: 'on no host'
      },
      time: {
        seconds: '{s} s',
        minutes: '{m} min {s} s',
        hours: '{h} h {m} min'
      },
      state: {
        pending: 'Pending',
        submitted: 'Submitted',
        running: 'Running',
        canceling: 'Cancelling',
        succeeded: 'Succeeded',
        failed: 'Failed',
        canceled: 'Cancelled'
      },
      notify: {
        succeeded: '{vm} migrated',
        succeededBody: 'Now on {host}, after {duration}.',
        failed: 'Migration of {vm} failed',
        details: 'Details'
      }
    }
  },
  'zh-CN': {
    migrate: {
      title: '迁移 {name}',
      action: '迁移',
      loadingPlan: '正在向 ZStack 查询可接收此云主机的物理机…',
      planFailed: '无法加载目标物理机',
      blocked: '此云主机当前无法迁移',
      vm: {
        vcpu: '{n} 个 vCPU',
        nowOn: '当前位置',
        host: '物理机',
        cluster: '集群',
        zone: '区域',
        noHost: '无物理机'
      },
      hosts: {
        title: '目标物理机',
        auto: '由 ZStack 选择',
        autoHint: 'ZStack 分配器会挑选有余量的物理机；请求中不发送物理机。',
        search: '按名称、IP 或集群搜索',
        candidates: '候选物理机（{n}）',
        candidatesShown: '候选物理机（{n} 台中 {shown} 台匹配）',
        noCandidates: 'ZStack 没有为此云主机提供任何物理机。下方列出了该区域每台物理机被排除的原因。',
        noMatch: '没有与“{q}”匹配的物理机。',
        others: '云主机所在区域中无法接收它的物理机（{n}）',
        othersShown: '云主机所在区域中无法接收它的物理机（{n} 台中 {shown} 台匹配）',
        othersHint:
          '区域 {zone} 中的其他物理机：ZStack 未将它们作为此云主机的目标，“不可用原因”列出了各自的原因。它们不能被选择。',
        name: '物理机',
        ip: '管理 IP',
        cluster: '集群',
        stateStatus: '启用状态 / 连接状态',
        freeCpu: '可用 vCPU',
        freeMemory: '可用内存',
        reason: '不可用原因',
        free: '可用 {free} / 共 {total}',
        need: '云主机需要 {need}',
        select: '选择 {name}',
        legend: '容量条图例',
        legendUsed: '已使用',
        legendFits: '此云主机，可容纳',
        legendShort: '此云主机，容纳不下',
        legendFree: '空闲'
      },
      reason: {
        'current-host': '当前物理机：云主机正运行于此',
        maintenance: '处于维护模式',
        preMaintenance: '正在进入维护模式',
        disabled: '已被管理员停用',
        disconnected: '未连接到管理节点（{status}）',
        'not-enough-memory': '内存不足：需要 {need}，可用 {has}',
        'not-enough-cpu': 'vCPU 不足：需要 {need}，可用 {has}',
        'other-hypervisor': '虚拟化类型不同：{host}，云主机需要 {vm}',
        'storage-not-attached': '云主机的主存储未挂载到此物理机所在集群',
        'not-offered': 'ZStack 分配器未提供此物理机（标签、网络或其他放置规则）'
      },
      fields: {
        title: '选项',
        strategy: '迁移策略',
        strategyDefault: '默认（不发送）',
        strategyHintVersion:
          'auto-converge 会降低客户机 vCPU 速度，使内存复制跟上繁忙的云主机。此管理节点运行 ZStack {version}，不接受其他策略。',
        strategyHint:
          'auto-converge 会降低客户机 vCPU 速度，使内存复制跟上繁忙的云主机。新版本接受更多策略名：可直接输入。',
        downTime: '停机时间',
        downTimePlaceholder: '服务器默认值',
        downTimeHint: '切换时云主机允许的最长暂停时间，单位毫秒（1 至 600000）。留空则使用服务器默认值。',
        migrateFromDestination: '从目标端发起迁移',
        migrateFromDestinationHint: '由目标物理机而非源物理机执行迁移命令。',
        allowUnknown: '允许未知状态',
        allowUnknownHint:
          '文档说明为允许状态为 Unknown 的云主机；ZStack 5.2.1 中用于忽略目标端二层网络检查失败。',
        systemTags: '系统标签',
        userTags: '用户标签',
        addTagTo: '添加{field}',
        tagsHint: '与操作一同发送；最多 50 个标签，每个最多 512 个字符。',
        addTag: '添加'
      },
      invalid: {
        hostRequired: '请选择目标物理机，或选择“由 ZStack 选择”。',
        hostUuid: '物理机 UUID 应为 32 个十六进制字符。',
        strategy: '策略名以字母或数字开头，最多 64 个字母、数字、“.”、“_”或“-”（例如 auto-converge）。',
        strategyVersion: '此管理节点运行 ZStack {version}，只接受 {accepted}：请选择它或默认值。',
        downTimeNotNumber: '请输入毫秒数，例如 500。',
        downTimeWhole: '请输入不带小数的整数毫秒数。',
        downTimeRange: '必须在 {min} 到 {max} 毫秒之间。',
        tooManyTags: '最多 {max} 个标签。',
        emptyTag: '标签不能为空。',
        tagTooLong: '标签最多 {max} 个字符；此标签有 {length} 个。'
      },
      preview: {
        title: '请求',
        hint: '这正是 ZStack 将收到的内容。会话 ID 仅以占位符表示：它从不会进入此窗口。',
        copyCurl: '复制为 cURL',
        copyJson: '复制 JSON',
        copied: '已复制到剪贴板',
        copyFailed: '无法访问剪贴板：请选中文本手动复制。',
        noEndpoint: '未知集群地址，无法生成 cURL 命令。',
        incomplete: '标红的字段修正之前不会包含在请求中。'
      },
      submit: '迁移',
      submitting: '正在提交…',
      cancel: '取消',
      close: '关闭',
      discard: {
        title: '放弃此次迁移？',
        body: '此处选择的物理机和选项将被丢弃。尚未向 ZStack 发送任何内容。',
        confirm: '放弃',
        keep: '继续编辑'
      },
      fixFirst: '请先修正标红的字段。',
      submitFailed: '迁移未开始',
      notSentRetry: '没有任何迁移发生。请按说明修正后重新提交。',
      maybeSent: '无法确定 ZStack 是否收到了请求：重试前请先查看“活动”。',
      progress: {
        submitted: '已提交',
        running: '迁移中',
        done: '完成',
        failedTitle: '失败',
        pending: '已记录，正在发送到 ZStack…',
        route: '从 {from} 迁移到 {to}',
        autoTarget: 'ZStack 选择的物理机',
        accepted: 'ZStack 已接受，任务 {job}',
        elapsed: '已运行 {elapsed}',
        observed: '云主机状态',
        waitingState: '等待首次轮询',
        closeHint: '可以关闭此窗口：迁移会继续进行，并保留在“活动”中。',
        finishedAt: '结束于 {time}',
        problem: '跟踪此迁移时遇到问题'
      },
      live: {
        progressLabel: '迁移进度',
        percent: '{percent} % · {stage}',
        stage: {
          transfer: '正在向目标复制内存',
          'switch-over': '虚拟化层已完成，正在切换',
          done: '正在收尾'
        },
        noProgressYet: '管理节点尚未报告此迁移的进度。',
        noProgressPlain:
          '无进度可显示：此迁移以普通 migrateVm 操作发送，ZStack 不为其报告进度。只知道已用时间。',
        underMinute: '不到 1 分钟',
        minutes: '约 1 分钟 | 约 {n} 分钟',
        estimate:
          '剩余{left}，依据本集群此前 1 次内存相近（{min} 至 {max}）的云主机迁移，用时 {typical} | 剩余{left}，依据本集群此前 {n} 次内存相近（{min} 至 {max}）的云主机迁移，用时中位数 {typical}',
        overdue:
          '比平时慢：本集群此前 1 次内存相近（{min} 至 {max}）的迁移用时 {typical} | 比平时慢：本集群此前 {n} 次内存相近（{min} 至 {max}）的迁移用时中位数 {typical}',
        noEstimate: '无法估计剩余时间：本集群还没有内存相近的云主机完成过迁移。',
        cancel: '取消迁移…',
        cancelTitle: '取消 {vm} 的迁移？',
        cancelBody:
          'ZStack 将停止复制内存，云主机继续在 {from} 上以原状态运行。取消无法撤销已经发生的切换：如果为时已晚，迁移将在 {to} 上完成并记录为成功。其他任何内容都不会被更改或回滚。',
        cancelConfirm: '取消迁移',
        cancelKeep: '继续迁移',
        canceling: '正在取消：等待 ZStack 停止迁移…',
        cancelFailed: '迁移未被取消',
        noCancel:
          '此处没有“取消”：{cluster} 不提供长任务 API，因此此迁移以普通 migrateVm 操作发送，ZStack 无法停止它，它会运行到结束。',
        canceledTitle: '已取消',
        canceled: '迁移已取消；云主机留在 {host}。',
        tooLate: '取消为时已晚：迁移已完成切换，因此已完成。',
        retry: '重试迁移',
        retryHint: '以相同参数发送一个新的迁移。',
        retryFailed: '迁移未能重试'
      },
      result: {
        comparison: '迁移前后对比',
        before: '迁移前',
        after: '迁移后',
        host: '物理机',
        lastHost: '上一台物理机',
        cluster: '集群',
        zone: '区域',
        changed: '已变化',
        duration: '耗时',
        inventory: 'ZStack 返回的清单',
        name: '名称',
        uuid: 'UUID',
        state: '状态',
        cpuMemory: 'vCPU / 内存',
        ips: 'IP 地址',
        fullJson: '完整清单（JSON）',
        openInspector: '在详情面板中打开',
        showActivity: '在“活动”中查看',
        code: '错误码',
        description: '描述',
        details: '详细信息',
        whatToDo: '处理建议',
        noAdvice: '无需处理：仅供参考。',
        signIn: '重新登录',
        recheck: '云主机当前状态',
        rechecking: '正在重新读取云主机状态…',
        recheckFailed: '无法重新读取云主机',
        reread: '重新读取',
        onHost: '位于 {host}',
        stopped: '不在任何物理机上'
      },
      time: {
        seconds: '{s} 秒',
        minutes: '{m} 分 {s} 秒',
        hours: '{h} 小时 {m} 分'
      },
      state: {
        pending: '待发送',
        submitted: '已提交',
        running: '进行中',
        canceling: '正在取消',
        succeeded: '成功',
        failed: '失败',
        canceled: '已取消'
      },
      notify: {
        succeeded: '{vm} 已迁移',
        succeededBody: '现位于 {host}，用时 {duration}。',
        failed: '{vm} 迁移失败',
        details: '详情'
      }
    }
  }
}
