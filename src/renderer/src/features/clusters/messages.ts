import type { FeatureMessages } from '../../i18n'

export const messages: FeatureMessages = {
  en: {
    clusters: {
      add: 'Add',
      search: 'Search clusters',
      noMatch: 'No cluster matches this search.',
      none: 'No clusters yet. Add one to get started.',
      signIn: 'Sign in',
      signOut: 'Sign out',
      edit: 'Edit',
      duplicate: 'Duplicate',
      remove: 'Remove',
      signedOut: 'Signed out of {name}.',
      signOutFailed: 'Could not sign out',
      removeTitle: 'Remove {name}?',
      removeBody:
        'The profile and its saved session are deleted from this computer. The cluster itself is not touched.',
      removeFailed: 'Could not remove the cluster',
      demoHint: 'Built-in demo cloud',
      actionsFor: 'Actions for {name}',
      cancel: 'Cancel',
      save: 'Save',
      close: 'Close'
    },
    session: {
      'signed-in': 'Signed in',
      'signed-out': 'Signed out',
      expired: 'Session expired',
      unreachable: 'Unreachable'
    },
    profileForm: {
      title: { create: 'Add a cluster', edit: 'Edit cluster', duplicate: 'Duplicate cluster' },
      copySuffix: '(copy)',
      name: 'Name',
      namePlaceholder: 'Production, Lab…',
      folder: 'Folder',
      folderPlaceholder: 'Optional, groups clusters in the list',
      colour: 'Colour',
      noColour: 'No colour',
      scheme: 'Protocol',
      host: 'Management node',
      hostPlaceholder: 'zstack.example.com or 10.0.0.5',
      port: 'Port',
      path: 'Context path',
      account: 'Account',
      ca: 'CA certificate',
      caPick: 'Choose PEM file…',
      caClear: 'Remove',
      caNone: 'System trust store',
      certificates: 'Certificates',
      insecure: 'Do not verify TLS certificates (unsafe)',
      insecureWarning:
        'Anyone between you and this cluster could read your password and session. Use this only on a trusted lab network; add the CA certificate instead where you can.',
      proxy: 'Proxy URL',
      timeout: 'Request timeout',
      seconds: 's',
      saveFailed: 'The cluster was not saved',
      test: 'Test connection',
      saved: 'Saved {name}.',
      errors: {
        required: 'Required.',
        tooLong: 'Too long.',
        hostWithScheme: 'Enter only the host name or IP; choose the protocol and port below.',
        host: 'Enter a host name or IP address, like zstack.example.com or 10.0.0.5.',
        port: 'Enter a port from 1 to 65535.',
        path: 'Use letters, digits, . _ ~ - and /, like zstack.',
        pemTooLarge: 'The file is larger than 256 KiB; pick the CA certificate itself.',
        pem: 'This is not a PEM certificate (it has no BEGIN CERTIFICATE line).',
        proxy: 'Enter an http:// or https:// URL, like http://proxy:3128.',
        timeout: 'Enter a whole number of seconds from 1 to 600.',
        color: 'Pick one of the colours.'
      }
    },
    connection: {
      reachable: 'The management node answered',
      unreachable: 'The management node could not be reached',
      tlsLabel: 'TLS',
      tls: {
        verified: 'Certificate verified',
        'not-verified': 'Certificate NOT verified',
        'plain-http': 'Plain HTTP, not encrypted'
      },
      unknown: 'Unknown',
      version: 'Version',
      latency: 'Latency',
      ms: '{ms} ms',
      problem: 'Problem'
    },
    signIn: {
      title: 'Sign in to {name}',
      expiredTitle: 'Your session has expired',
      expired: 'Sign in again to carry on; your filters and page are kept.',
      account: 'Account',
      password: 'Password',
      remember: 'Remember password',
      rememberHint: 'Kept in the system keychain, used only to sign in again when the session expires.',
      submit: 'Sign in',
      done: 'Signed in to {name}.'
    },
    transfer: {
      menu: 'Import or export clusters',
      import: 'Import clusters…',
      exportJson: 'Export as JSON',
      exportYaml: 'Export as YAML',
      exportFailed: 'Could not export the clusters',
      reportTitle: 'Import result',
      added: '{n} added',
      updated: '{n} updated',
      rejected: '{n} rejected',
      line: 'Line',
      atLine: '(line {line})',
      name: 'Name',
      outcome: 'Result',
      problems: 'Problems',
      outcomes: { added: 'Added', updated: 'Updated', rejected: 'Rejected' }
    },
    workspace: {
      signedOutTitle: 'Signed out of {name}',
      signedOutBody: 'Sign in to see and manage the VMs of this cluster.'
    }
  },
  'zh-CN': {
    clusters: {
      add: '添加',
      search: '搜索集群',
      noMatch: '没有匹配的集群。',
      none: '还没有集群，请先添加一个。',
      signIn: '登录',
      signOut: '退出登录',
      edit: '编辑',
      duplicate: '复制',
      remove: '删除',
      signedOut: '已退出 {name}。',
      signOutFailed: '无法退出登录',
      removeTitle: '删除 {name}？',
      removeBody: '将从本机删除该配置及其保存的会话，集群本身不受影响。',
      removeFailed: '无法删除该集群',
      demoHint: '内置演示云',
      actionsFor: '{name} 的操作',
      cancel: '取消',
      save: '保存',
      close: '关闭'
    },
    session: {
      'signed-in': '已登录',
      'signed-out': '未登录',
      expired: '会话已过期',
      unreachable: '无法连接'
    },
    profileForm: {
      title: { create: '添加集群', edit: '编辑集群', duplicate: '复制集群' },
      copySuffix: '（副本）',
      name: '名称',
      namePlaceholder: '生产、实验室…',
      folder: '文件夹',
      folderPlaceholder: '可选，用于在列表中分组',
      colour: '颜色',
      noColour: '无颜色',
      scheme: '协议',
      host: '管理节点',
      hostPlaceholder: 'zstack.example.com 或 10.0.0.5',
      port: '端口',
      path: '上下文路径',
      account: '账户',
      ca: 'CA 证书',
      caPick: '选择 PEM 文件…',
      caClear: '移除',
      caNone: '系统信任库',
      certificates: '证书',
      insecure: '不验证 TLS 证书（不安全）',
      insecureWarning:
        '你与集群之间的任何人都可能读取你的密码和会话。仅在可信的实验网络中使用；能添加 CA 证书时请改为添加证书。',
      proxy: '代理 URL',
      timeout: '请求超时',
      seconds: '秒',
      saveFailed: '集群未保存',
      test: '测试连接',
      saved: '已保存 {name}。',
      errors: {
        required: '必填。',
        tooLong: '太长。',
        hostWithScheme: '只填写主机名或 IP；协议和端口在下方选择。',
        host: '请输入主机名或 IP 地址，例如 zstack.example.com 或 10.0.0.5。',
        port: '请输入 1 到 65535 之间的端口。',
        path: '只能使用字母、数字、. _ ~ - 和 /，例如 zstack。',
        pemTooLarge: '文件超过 256 KiB，请选择 CA 证书本身。',
        pem: '这不是 PEM 证书（没有 BEGIN CERTIFICATE 行）。',
        proxy: '请输入 http:// 或 https:// 开头的 URL，例如 http://proxy:3128。',
        timeout: '请输入 1 到 600 之间的整数秒数。',
        color: '请选择一种颜色。'
      }
    },
    connection: {
      reachable: '管理节点已响应',
      unreachable: '无法连接到管理节点',
      tlsLabel: 'TLS',
      tls: {
        verified: '证书已验证',
        'not-verified': '证书未验证',
        'plain-http': '明文 HTTP，未加密'
      },
      unknown: '未知',
      version: '版本',
      latency: '延迟',
      ms: '{ms} 毫秒',
      problem: '问题'
    },
    signIn: {
      title: '登录 {name}',
      expiredTitle: '会话已过期',
      expired: '请重新登录以继续；筛选条件和页码会保留。',
      account: '账户',
      password: '密码',
      remember: '记住密码',
      rememberHint: '保存在系统钥匙串中，仅用于会话过期时自动重新登录。',
      submit: '登录',
      done: '已登录 {name}。'
    },
    transfer: {
      menu: '导入或导出集群',
      import: '导入集群…',
      exportJson: '导出为 JSON',
      exportYaml: '导出为 YAML',
      exportFailed: '无法导出集群',
      reportTitle: '导入结果',
      added: '新增 {n} 个',
      updated: '更新 {n} 个',
      rejected: '拒绝 {n} 个',
      line: '行',
      atLine: '（第 {line} 行）',
      name: '名称',
      outcome: '结果',
      problems: '问题',
      outcomes: { added: '已新增', updated: '已更新', rejected: '已拒绝' }
    },
    workspace: {
      signedOutTitle: '未登录 {name}',
      signedOutBody: '登录后即可查看和管理该集群的云主机。'
    }
  }
}
