import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    inspector: {
      tabs: {
        label: 'VM details',
        overview: 'Overview',
        nics: 'NICs ({n})',
        volumes: 'Volumes ({n})',
        json: 'Raw JSON'
      },
      fields: {
        state: 'State',
        uuid: 'UUID',
        host: 'Host',
        lastHost: 'Last host',
        cluster: 'Cluster',
        zone: 'Zone',
        cpu: 'vCPUs',
        memory: 'Memory',
        platform: 'Platform',
        architecture: 'Architecture',
        hypervisor: 'Hypervisor',
        type: 'Type',
        image: 'Image UUID',
        created: 'Created',
        lastOp: 'Last operation',
        description: 'Description'
      },
      unreachable: 'The cluster does not answer: Migrate comes back once it does (Retry above).',
      noNics: 'This VM has no network interfaces.',
      nic: {
        ip: 'IP',
        mac: 'MAC',
        netmask: 'Netmask',
        gateway: 'Gateway',
        l3: 'L3 network',
        state: 'State',
        copy: 'Copy UUID',
        copyUuid: 'Copy UUID: {uuid}',
        uuidCopied: 'Copied the L3 network UUID.',
        copyFailed: 'The clipboard refused the text; select the UUID in Raw JSON and copy it by hand.'
      },
      noVolumes: 'This VM has no volumes.',
      volume: {
        name: 'Name',
        type: 'Type',
        format: 'Format',
        usage: 'Used / size',
        storage: 'Primary storage',
        path: 'Install path',
        Root: 'Root',
        Data: 'Data'
      },
      json: {
        search: 'Find a key or value',
        expand: 'Expand all',
        collapse: 'Collapse all',
        copy: 'Copy',
        save: 'Save to file',
        copied: 'Copied the inventory to the clipboard.',
        copyFailed: 'The clipboard refused the text; use "Save to file" instead.'
      }
    }
  },
  'zh-CN': {
    inspector: {
      tabs: {
        label: '云主机详情',
        overview: '概览',
        nics: '网卡 ({n})',
        volumes: '云盘 ({n})',
        json: '原始 JSON'
      },
      fields: {
        state: '状态',
        uuid: 'UUID',
        host: '物理机',
        lastHost: '上次所在物理机',
        cluster: '集群',
        zone: '区域',
        cpu: 'vCPU 数',
        memory: '内存',
        platform: '平台',
        architecture: '架构',
        hypervisor: '虚拟化类型',
        type: '类型',
        image: '镜像 UUID',
        created: '创建时间',
        lastOp: '最后操作时间',
        description: '描述'
      },
      unreachable: '集群无法连接：集群恢复响应后即可迁移（点击上方"重试"）。',
      noNics: '该云主机没有网卡。',
      nic: {
        ip: 'IP',
        mac: 'MAC',
        netmask: '子网掩码',
        gateway: '网关',
        l3: '三层网络',
        state: '状态',
        copy: '复制 UUID',
        copyUuid: '复制 UUID：{uuid}',
        uuidCopied: '已复制三层网络 UUID。',
        copyFailed: '剪贴板拒绝写入，请在"原始 JSON"中选中 UUID 手动复制。'
      },
      noVolumes: '该云主机没有云盘。',
      volume: {
        name: '名称',
        type: '类型',
        format: '格式',
        usage: '已用 / 容量',
        storage: '主存储',
        path: '安装路径',
        Root: '根云盘',
        Data: '数据云盘'
      },
      json: {
        search: '查找键或值',
        expand: '全部展开',
        collapse: '全部折叠',
        copy: '复制',
        save: '保存为文件',
        copied: '已将清单复制到剪贴板。',
        copyFailed: '剪贴板拒绝写入，请改用"保存为文件"。'
      }
    }
  }
}
