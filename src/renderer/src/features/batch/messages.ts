import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    batch: {
      select: {
        page: 'Select every VM on this page',
        vm: 'Select {name}',
        count: '{n} VM selected | {n} VMs selected',
        migrate: 'Migrate {n} VM | Migrate {n} VMs',
        clear: 'Clear selection',
        otherCluster: 'A batch stays within one cluster: clear the selection to pick VMs of {cluster}.'
      },
      title: {
        migrate: 'Migrate {n} VM | Migrate {n} VMs',
        drain: 'Drain host {host}'
      },
      close: 'Close',
      planning: 'Planning against live capacity…',
      planFailed: 'The plan could not be made',
      retry: 'Try again',
      plan: {
        label: 'Migration plan',
        intro:
          'Each VM goes to its chosen host, or to the host with the most free memory after the rows above it are placed. Change any row before running.',
        vm: 'VM',
        state: 'State',
        memory: 'Memory',
        from: 'From',
        destination: 'Destination',
        to: 'Planned host',
        auto: 'Auto',
        autoChose: 'Auto: {host}',
        destinationOf: 'Destination of {name}',
        unplaceable: 'Cannot be placed',
        noHostFits: 'No host fits this VM:',
        blocked: 'Not migratable: {reason}',
        placeable: '{n} of {total} VMs can be placed | {n} of {total} VMs can be placed',
        unplaceableNote:
          '{n} VM cannot be placed and will not be sent. | {n} VMs cannot be placed and will not be sent.',
        replanning: 'Planning again…',
        empty: 'No VM to migrate.'
      },
      drain: {
        action: 'Drain host',
        actionOf: 'Drain host {host}',
        intro:
          'Every Running, Paused or Unknown VM on {host} is live-migrated off it, a few at a time. No VM is stopped.',
        hostState: 'Host state: {state}, {status}',
        stoppedTitle: 'Stopped VMs last on this host (listed, not touched)',
        stoppedNone: 'No stopped VM was last on this host.',
        thenMaintain: 'Enter maintenance when the host is empty',
        thenMaintainHelp:
          'Only once every VM has left and the host is verified empty; otherwise it stays Enabled and the report says why.',
        nothingToMove: 'No running VM is on this host: it can enter maintenance now.',
        fromMigrateDialog: 'Drain this host…'
      },
      options: {
        title: 'Queue',
        concurrencyLabel: 'Migrations at once',
        perHost: 'At most per host',
        perHostNone: 'No limit',
        stopOnFailure: 'Stop on first failure',
        stopOnFailureHelp: 'Otherwise a failure does not stop the other rows.'
      },
      run: 'Run {n} migration | Run {n} migrations',
      starting: 'Starting…',
      startFailed: 'The queue could not be started',
      queue: {
        label: 'Migration queue',
        progress: 'Progress',
        running: 'Running: {running} at once (at most {k}) · {done} of {total} done',
        paused: 'Paused · {done} of {total} done',
        pausedBy: 'Paused by the app: {reason}',
        finished: 'Finished · {done} of {total} done',
        canceled: 'Stopped · {done} of {total} done',
        pause: 'Pause',
        resume: 'Resume',
        stopAll: 'Stop the queue',
        stopAllTitle: 'Stop the queue?',
        stopAllBody:
          'Queued rows are not sent. Migrations already under way continue to their end (cancel them one by one).',
        stopAllConfirm: 'Stop the queue',
        keep: 'Keep running',
        cancelRow: 'Cancel',
        cancelRowOf: 'Cancel the migration of {name}',
        cancelRowTitle: 'Cancel the migration of {name}?',
        cancelRowBody:
          'A queued row is dropped; a running migration is asked to stop, and the VM stays on {from} if it does.',
        cancelRowConfirm: 'Cancel migration',
        actionFailed: 'The queue did not take the request',
        progressOf: 'Progress of {name}',
        inActivity: 'Open in Activity'
      },
      state: {
        queued: 'Queued',
        running: 'Migrating',
        succeeded: 'Migrated',
        failed: 'Failed',
        skipped: 'Skipped',
        canceled: 'Canceled'
      },
      batchState: {
        running: 'Running',
        paused: 'Paused',
        finished: 'Finished',
        canceled: 'Stopped'
      },
      report: {
        label: 'Report',
        vm: 'VM',
        from: 'From',
        to: 'To',
        outcome: 'Outcome',
        duration: 'Duration',
        why: 'Why',
        counts: '{succeeded} migrated · {failed} failed · {skipped} skipped · {canceled} canceled',
        export: 'Export',
        csv: 'CSV',
        json: 'JSON',
        empty: 'The host is empty: every VM left it.',
        notEmpty: 'The host is not empty: it stays Enabled.',
        remainingTitle: 'Still on the host',
        noReason: 'no reason given',
        maintained: 'The host is in maintenance.',
        maintainFailed: 'Maintenance was not entered',
        hostState: 'Host state now: {state}',
        enterMaintenance: 'Enter maintenance',
        exitMaintenance: 'Exit maintenance',
        maintenanceConfirmTitle: 'Put {host} into maintenance?',
        maintenanceConfirmBody:
          'The host was verified empty, so ZStack stops nothing. It accepts no VM until maintenance is exited.',
        exitConfirmTitle: 'Take {host} out of maintenance?',
        exitConfirmBody: 'The host is enabled again and may receive VMs.',
        hostChangeFailed: 'The host state was not changed'
      },
      activity: {
        title: 'Batches and drains',
        open: 'Open',
        line: '{kind} · {count} · {state}',
        kind: { migrate: 'Batch migration', drain: 'Drain of {host}' },
        vms: '{n} VM | {n} VMs'
      }
    }
  },
  'zh-CN': {
    batch: {
      select: {
        page: '选择本页所有云主机',
        vm: '选择 {name}',
        count: '已选 {n} 台云主机 | 已选 {n} 台云主机',
        migrate: '迁移 {n} 台云主机 | 迁移 {n} 台云主机',
        clear: '清除选择',
        otherCluster: '批量操作限于一个集群：请先清除选择，再选择 {cluster} 的云主机。'
      },
      title: {
        migrate: '迁移 {n} 台云主机 | 迁移 {n} 台云主机',
        drain: '清空物理机 {host}'
      },
      close: '关闭',
      planning: '正在按实时容量规划…',
      planFailed: '无法生成迁移计划',
      retry: '重试',
      plan: {
        label: '迁移计划',
        intro:
          '每台云主机迁往所选物理机；选择“自动”时，在计入上方各行的放置后，迁往可用内存最多的物理机。运行前可修改任意一行。',
        vm: '云主机',
        state: '状态',
        memory: '内存',
        from: '源物理机',
        destination: '目标',
        to: '计划物理机',
        auto: '自动',
        autoChose: '自动：{host}',
        destinationOf: '{name} 的目标',
        unplaceable: '无法放置',
        noHostFits: '没有物理机可容纳此云主机：',
        blocked: '不可迁移：{reason}',
        placeable: '{total} 台中 {n} 台可放置 | {total} 台中 {n} 台可放置',
        unplaceableNote: '{n} 台云主机无法放置，不会发送。 | {n} 台云主机无法放置，不会发送。',
        replanning: '正在重新规划…',
        empty: '没有要迁移的云主机。'
      },
      drain: {
        action: '清空物理机',
        actionOf: '清空物理机 {host}',
        intro: '{host} 上所有运行中、已暂停或状态未知的云主机将分批热迁移离开，不会停止任何云主机。',
        hostState: '物理机状态：{state}，{status}',
        stoppedTitle: '最后位于此物理机的已停止云主机（仅列出，不做处理）',
        stoppedNone: '没有最后位于此物理机的已停止云主机。',
        thenMaintain: '物理机清空后进入维护模式',
        thenMaintainHelp: '仅在所有云主机均已迁出并确认物理机为空之后；否则物理机保持启用，报告中说明原因。',
        nothingToMove: '此物理机上没有运行中的云主机：现在即可进入维护模式。',
        fromMigrateDialog: '清空此物理机…'
      },
      options: {
        title: '队列',
        concurrencyLabel: '同时迁移数',
        perHost: '每台物理机最多',
        perHostNone: '不限',
        stopOnFailure: '首次失败即停止',
        stopOnFailureHelp: '否则某一行失败不会影响其他行。'
      },
      run: '运行 {n} 个迁移 | 运行 {n} 个迁移',
      starting: '正在启动…',
      startFailed: '无法启动队列',
      queue: {
        label: '迁移队列',
        progress: '进度',
        running: '运行中：同时 {running} 个（最多 {k} 个）· 已完成 {done}/{total}',
        paused: '已暂停 · 已完成 {done}/{total}',
        pausedBy: '应用已暂停队列：{reason}',
        finished: '已结束 · 已完成 {done}/{total}',
        canceled: '已停止 · 已完成 {done}/{total}',
        pause: '暂停',
        resume: '继续',
        stopAll: '停止队列',
        stopAllTitle: '停止队列？',
        stopAllBody: '排队中的行不再发送。已在进行的迁移将继续直至结束（可逐个取消）。',
        stopAllConfirm: '停止队列',
        keep: '继续运行',
        cancelRow: '取消',
        cancelRowOf: '取消 {name} 的迁移',
        cancelRowTitle: '取消 {name} 的迁移？',
        cancelRowBody: '排队中的行将被移除；进行中的迁移将被请求停止，停止后云主机仍位于 {from}。',
        cancelRowConfirm: '取消迁移',
        actionFailed: '队列未接受该请求',
        progressOf: '{name} 的进度',
        inActivity: '在活动中打开'
      },
      state: {
        queued: '排队中',
        running: '迁移中',
        succeeded: '已迁移',
        failed: '失败',
        skipped: '已跳过',
        canceled: '已取消'
      },
      batchState: {
        running: '运行中',
        paused: '已暂停',
        finished: '已结束',
        canceled: '已停止'
      },
      report: {
        label: '报告',
        vm: '云主机',
        from: '源物理机',
        to: '目标物理机',
        outcome: '结果',
        duration: '耗时',
        why: '原因',
        counts: '已迁移 {succeeded} · 失败 {failed} · 已跳过 {skipped} · 已取消 {canceled}',
        export: '导出',
        csv: 'CSV',
        json: 'JSON',
        empty: '物理机已清空：所有云主机均已迁出。',
        notEmpty: '物理机未清空：保持启用状态。',
        remainingTitle: '仍在此物理机上',
        noReason: '未给出原因',
        maintained: '物理机已进入维护模式。',
        maintainFailed: '未进入维护模式',
        hostState: '物理机当前状态：{state}',
        enterMaintenance: '进入维护模式',
        exitMaintenance: '退出维护模式',
        maintenanceConfirmTitle: '将 {host} 置于维护模式？',
        maintenanceConfirmBody:
          '已确认物理机为空，ZStack 不会停止任何云主机。退出维护模式前，它不接收云主机。',
        exitConfirmTitle: '让 {host} 退出维护模式？',
        exitConfirmBody: '物理机将重新启用，可以接收云主机。',
        hostChangeFailed: '物理机状态未更改'
      },
      activity: {
        title: '批量迁移与清空',
        open: '打开',
        line: '{kind} · {count} · {state}',
        kind: { migrate: '批量迁移', drain: '清空 {host}' },
        vms: '{n} 台云主机 | {n} 台云主机'
      }
    }
  }
}
