// The words for every error kind: English straight from the shared table, Chinese here, one entry per kind.
import { ERROR_KINDS, type ErrorKind } from '../../../shared/error-kinds'

export interface ErrorWords {
  text: string
  advice: string
}

const en = Object.fromEntries(
  Object.entries(ERROR_KINDS).map(([kind, spec]) => [kind, { text: spec.text, advice: spec.advice }])
) as Record<ErrorKind, ErrorWords>

const same = (text: string, advice = ''): ErrorWords => ({ text, advice })

const KEYCHAIN = '系统钥匙串不可用，因此会话只在本次运行期间保存在内存中，下次需要重新登录。'
const BAD_ANSWER_ADVICE = '请重试；如果反复出现，请检查本机与管理节点之间的代理。'

const zhCN: Record<ErrorKind, ErrorWords> = {
  unexpected: same('ZStack Desk 遇到意外问题。', '请重试；如果问题持续，请附上日志文件报告。'),
  windowProblem: same('窗口中出现问题。', '请重试；如果问题持续，请附上日志文件报告。'),
  webHostFailure: same('Web 服务未能处理此请求。', '请重试。'),
  profilesNotSaved: same('无法保存 {path}，未做任何更改。', '请检查数据文件夹的剩余空间和权限。'),
  migrationNotRecorded: same('无法将迁移记录到磁盘，因此没有发送。', '请检查数据文件夹的剩余空间和权限。'),
  demoFailed: same('演示集群无法启动。', '请重启 ZStack Desk 后重试。'),
  closing: same('ZStack Desk 正在关闭。'),

  htmlPage: same(
    '代理或网关返回了 HTML 页面（HTTP {status}），而不是 {address} 上的 ZStack。',
    '请检查配置中的地址和代理设置，并确认管理节点正在运行。'
  ),
  emptyAnswer: same('{address} 上的管理节点返回了空响应（HTTP {status}）。', BAD_ANSWER_ADVICE),
  brokenAnswer: same(
    '{address} 上的管理节点返回的响应被截断或不是有效的 JSON（HTTP {status}）。',
    BAD_ANSWER_ADVICE
  ),
  unexpectedJson: same(
    '{address} 上的管理节点返回的 JSON 不是预期的响应（HTTP {status}）。',
    BAD_ANSWER_ADVICE
  ),
  plainTextAnswer: same(
    '{address} 上的管理节点返回了纯文本而不是 JSON（HTTP {status}）。',
    BAD_ANSWER_ADVICE
  ),
  redirected: same(
    '地址 {address} 重定向到了别处（HTTP {status}）。',
    '请检查配置中的协议（http 或 https）、端口和路径。'
  ),
  nothingAtAddress: same(
    '{address} 上没有找到内容（HTTP 404）。',
    '请检查配置中的端口和上下文路径（通常为“zstack”）。'
  ),
  requestRejected: same('管理节点拒绝了请求（HTTP {status}）。', '如果反复出现，请附上日志文件报告。'),
  serverFailed: same(
    '管理节点未能响应（HTTP {status}）。',
    '请稍后重试；如果问题持续，请检查管理节点的日志。'
  ),
  answerIncomplete: same('管理节点的响应缺少字段 {field}。', '请确认该配置指向的是 ZStack 管理节点。'),
  malformedSessionId: same(
    '管理节点的登录响应中没有格式正确的会话 ID。',
    '请确认该配置指向的是 ZStack 管理节点。'
  ),
  noJobInAnswer: same(
    '管理节点已接受请求（HTTP 202），但响应中没有可跟踪的任务。',
    '请勿重复提交：请在 ZStack 中检查云主机，确认操作是否已执行。'
  ),

  tlsUntrusted: same(
    '{address} 的证书不是由本机信任的机构签发的（{reason}）。',
    '如果您信任此节点，请先与服务器核对指纹，再将其 CA 证书（PEM）添加到配置中。'
  ),
  tlsExpired: same('{address} 的证书已于 {validTo} 过期。', '请更新管理节点的证书，然后重新连接。'),
  tlsNotYetValid: same('{address} 的证书尚未生效。', '请检查本机和管理节点的时钟。'),
  tlsWrongName: same(
    '{address} 的证书是为其他名称（{names}）签发的。',
    '请检查配置中的主机名：使用证书签发时的名称。'
  ),
  tlsFailed: same(
    '与 {address} 的安全连接失败（{reason}）。',
    '请确认配置中的协议（https）和端口与节点一致；纯 HTTP 端口无法响应 TLS。'
  ),

  answerTooLarge: same(
    '来自 {address} 的响应超过 {size}，超出 ZStack Desk 的读取上限，已丢弃。',
    '请确认该配置指向的是 ZStack 管理节点（而不是代理或其他服务）。'
  ),
  answerTooDeep: same(
    '来自 {address} 的响应嵌套超过 {depth} 层，超出 ZStack Desk 的读取上限，已丢弃。',
    '请确认该配置指向的是 ZStack 管理节点（而不是代理或其他服务）。'
  ),
  journalUnwritable: same(
    '无法读取迁移记录文件 {path}，也无法将其复制到别处；为保留其中未完成的记录，ZStack Desk 不会写入该文件，因此无法开始迁移。',
    '如需重新开始迁移，请移走或修复 {path}（检查文件夹权限和剩余空间），然后重启 ZStack Desk。在此期间请在 ZStack 中检查未完成的迁移。'
  ),
  journalDamagedUnwritable: same(
    '迁移记录文件 {path} 中有 {count} 条记录已损坏，且无法将其复制到别处；为保留这些记录，ZStack Desk 不会写入该文件，因此无法开始迁移。',
    '如需重新开始迁移，请移走或修复 {path}（检查文件夹权限和剩余空间），然后重启 ZStack Desk。在此期间请在 ZStack 中检查未完成的迁移。'
  ),
  noAnswerInTime: same(
    '{address} 在 {seconds} 秒内没有响应。',
    '节点可能繁忙或不可达：请重试，或增大配置中的超时时间。'
  ),
  jobTimedOut: same('任务在 {minutes} 分钟内没有完成。', '它可能仍在管理节点上运行：重试前请先检查云主机。'),

  nothingAnswers: same('{address} 没有响应。', '请检查地址，并确认管理节点正在运行。'),
  proxyNotAnswering: same('代理 {proxy} 没有响应。', '请检查配置中的代理设置。'),
  nameNotResolved: same('无法解析名称 {host}（DNS）。', '请检查配置中的主机名和本机网络。'),
  connectionClosed: same(
    '与 {address} 的连接在收到响应前被关闭。',
    '请重试；如果反复出现，请检查中间的代理或防火墙。'
  ),
  unreachable: same('本机无法访问 {address}（{reason}）。', '请检查网络、VPN 或防火墙。'),
  networkFailed: same('无法与 {address} 通信（{reason}）。', '请检查地址和网络。'),
  cancelRefused: same('ZStack 未接受取消，{vm} 的迁移仍在进行。'),
  longJobUnknown: same('管理节点已不认识这个长任务。', '请在 ZStack 中查看云主机以确认结果。'),
  noSuchMigration: same('活动列表中没有迁移“{id}”。'),
  cannotCancelPlain: same(
    '{vm} 的迁移是以普通 migrateVm 操作发送的，因为 {cluster} 不提供长任务接口，ZStack 无法取消它；它会一直运行到结束。'
  ),
  nothingToCancel: same('{vm} 的迁移已经结束，无可取消。'),
  retryNotFinished: same('只有失败或已取消的迁移才能重试；{vm} 的迁移并未以这种方式结束。'),
  longJobFailedNoReason: same(
    'ZStack 报告 {vm} 的迁移失败，但没有给出可读的原因。',
    '请在 ZStack 中查看该云主机。'
  ),
  mayHaveArrived: same('请求可能已到达节点。', '重试前请先检查云主机。'),
  migrationAnswerLost: same(
    '迁移请求的响应丢失，不会重新发送。',
    'ZStack Desk 正在确认服务器是否收到了请求。'
  ),
  migrationAnswerLostChecking: same('迁移请求的响应丢失；正在确认 ZStack 是否收到了请求（不会重新发送）。'),
  migrationNeverArrived: same(
    '迁移请求没有到达 ZStack：服务器不知道该任务，{vm} 仍在 {host} 上，未做任何更改。',
    '您可以重新发起迁移。'
  ),

  sessionEnded: same('此集群的会话已过期或已在服务器上结束。', '请重新登录。'),
  sessionExpired: same('您在 {cluster} 上的会话已过期。', '请重新登录。'),
  signInToFollow: same(
    '请重新登录 {cluster} 以继续跟踪此迁移；在此期间迁移会在服务器上继续进行。',
    '此集群的会话已过期。请重新登录：迁移会继续被跟踪。'
  ),
  migrationRefusedExpired: same(
    '请求到达时会话已过期，ZStack 拒绝了此迁移；{vm} 未被迁移。',
    '请登录后重试。'
  ),

  signInFirst: same('您尚未登录 {cluster}。', '请先登录。'),
  noValidSession: same('此集群没有有效的会话。', '请重新登录。'),

  invalidInput: same('某个值在发送前被拒绝。', '请修正此处提到的字段。'),
  unknownOperation: same('未知的操作。'),
  tooManyArguments: same('输入无效：参数过多。'),
  requestTooLarge: same('请求过大。'),
  requestNotJson: same('请求正文不是 JSON。'),
  proxyUrlInvalid: same('配置中的代理 URL 无效。', '请使用 http://主机:端口。'),
  proxySchemeUnsupported: same('不支持代理协议 {scheme}。', '请使用 http:// 或 https://。'),
  caPemNoCertificate: same(
    'CA 证书无效：其中没有完整的 BEGIN/END CERTIFICATE 块。未保存任何内容。',
    '请重新选择 CA 的 PEM 文件。'
  ),
  caPemUnreadable: same(
    'CA 证书无效：无法读取第 {index} 个证书（共 {count} 个）。未保存任何内容。',
    '请重新选择 CA 的 PEM 文件。'
  ),
  notAUuid: same('{field} 必须是 32 位十六进制 UUID。'),
  notAJobPath: same('“{path}”不是 ZStack 任务路径。'),
  badQueryField: same('“{field}”不是 ZStack 可查询的字段名。'),
  badQueryValue: same('{value} 不是 ZStack 可比较的值。'),
  conditionNeedsValue: same('“{field}”上的条件（{op}）需要一个值。'),
  conditionNeedsValues: same('“{field}”上的条件（{op}）至少需要一个值。'),
  conditionValueHasComma: same('“{field}”的值列表中有值包含逗号。'),
  conditionTakesOneValue: same('“{field}”上的条件（{op}）只接受一个值，而不是列表。'),
  notACount: same('{name} 必须是大于或等于 0 的整数，而不是 {value}。'),
  demoBuiltIn: same('演示集群是内置的：不能编辑或删除。', '请添加您自己的集群。'),
  importUnreadable: same('无法读取配置文件，未导入任何内容。', '请按详细信息修正文件后重新导入。'),
  importUnreadableAt: same('无法读取配置文件第 {line} 行，未导入任何内容。', '请修正该行后重新导入。'),
  importTooLarge: same(
    '配置文件大小为 {size}，超过了配置文件上限 {limit}。未导入任何内容。',
    '请将其拆分为较小的文件后分别导入。'
  ),
  importUnsupportedVersion: same(
    '配置文件的版本为 {version}；此 ZStack Desk 读取版本 {expected}。未导入任何内容。'
  ),

  proxyPasswordNotKept: same(
    '配置“{name}”已保存，但其代理密码无法保存到系统钥匙串。',
    '请解锁钥匙串，然后连同密码再次保存该配置。'
  ),
  importCredentialIgnored: same(
    '字段 {field} 已被忽略：配置文件从不包含密码。',
    '请在登录时输入密码；ZStack Desk 会将其保存在系统钥匙串中。'
  ),
  importUrlInvalid: same(
    '字段 {field} 必须是形如 https://zstack.example.com:8443/zstack 的地址（http 或 https、主机、可选的端口和路径，不含用户名或密码）。'
  ),
  importUrlWithEndpoint: same('字段 {field} 和 endpoint 都指定了管理节点的位置。', '请只保留其中一个。'),

  keychainUnavailable: same(
    KEYCHAIN,
    '请安装并启动 gnome-keyring 或 KWallet，确保 Secret Service（org.freedesktop.secrets）正在运行并已解锁。'
  ),
  keychainLockedMac: same(KEYCHAIN, '请解锁登录钥匙串（钥匙串访问），并允许 ZStack Desk 使用。'),
  keychainMissingWindows: same(KEYCHAIN, '请确认您的账户可以使用 Windows 凭据管理器。'),

  jobForgotten: same(
    '管理节点已不再保留此任务（任务已结束超过 3 小时或节点已重启）。',
    '请在 ZStack 中检查云主机以了解结果。'
  ),
  jobUnknownVmMigrating: same('ZStack 不知道此迁移任务，但 {vm} 正在迁移；将持续观察云主机直到状态稳定。'),
  migrationDidNotComplete: same(
    'ZStack 已不再保留此迁移任务，且 {vm} 仍在 {host} 上：迁移没有完成。',
    '请检查云主机，必要时重新迁移。'
  ),

  noSuchProfile: same('不存在集群配置“{id}”，它可能已被删除。', '请刷新列表。'),
  profileGone: same('配置“{name}”已不存在，它可能已被删除。'),
  profileOrderMismatch: same(
    '新的侧栏顺序必须将每个集群配置各列出一次；{ids} 不符。未做任何更改。',
    '请重新加载列表后再次移动集群。'
  ),
  profilesNotFound: same('没有 ID 为 {ids} 的集群配置；未导出任何内容。'),
  noSuchVm: same('{cluster} 上没有云主机 {vm}，它可能已被删除。', '请刷新列表。'),
  vmGoneOutcomeUnknown: same('{cluster} 上已不存在云主机 {vm}，因此无法得知此迁移的结果。'),
  profileDeletedDuringMigration: same(
    '集群配置 {cluster} 已被删除，无法继续跟踪此迁移。',
    '请在 ZStack 中检查云主机。'
  ),

  noSuchBatch: same('没有批次“{id}”。'),
  noSuchHost: same('{cluster} 中没有物理机 {host}。'),
  batchVmGone: same('{vm} 已不存在：已跳过。'),
  batchVmStateChanged: same(
    '{vm} 现在是 {state} 状态，无法热迁移：已跳过。',
    '只有运行中、已暂停或未知状态的云主机可以热迁移。'
  ),
  batchVmCannotMigrate: same('{vm} 是 {state} 状态：只有运行中、已暂停或未知状态的云主机可以热迁移。'),
  batchVmMovedElsewhere: same('{vm} 已不在 {host} 上（被其他人迁移）：已跳过。'),
  batchNoHostFits: same(
    '已没有物理机能容纳 {vm}（计划之后容量或物理机状态发生了变化）：已跳过。',
    '请释放容量或选择其他物理机，然后单独迁移它。'
  ),
  batchSourceNotConnected: same(
    '{vm} 所在的物理机 {host} 未连接到管理节点：现在无法热迁移。',
    '请在 ZStack 中重新连接该物理机，然后重新规划。'
  ),
  batchRowCanceled: same('{vm} 的迁移在开始前已取消。'),
  batchStoppedAfterFailure: same('未开始：批次在首次失败时停止（{vm} 的迁移）。'),
  batchDuplicateVm: same('{vm} 被列出了不止一次。'),
  batchVmQueued: same('{vm} 已在另一个尚未完成的批次中。', '请等待该批次完成，或取消其中这一行。'),
  batchNotActive: same('该批次为 {state} 状态：没有可更改的内容。'),
  batchRowNotCancellable: same('{vm} 这一行已经结束。'),
  batchHostDisconnected: same(
    '物理机 {host} 已断开连接：队列已暂停。',
    '请重新连接该物理机（或在 ZStack 中检查），然后恢复队列。'
  ),
  drainNotEmpty: same(
    '{host} 上仍有 {count} 台云主机：该物理机保持原状，未进入维护模式。',
    '请在报告中查看每台云主机留下的原因，迁走它们后再次清空。'
  ),
  drainVmNotPlanned: same('{vm}（{state}）不在计划中：它在清空期间来到该物理机或改变了状态。'),
  drainCanceled: same('清空已取消：该物理机未进入维护模式。'),
  hostStateNotReached: same('物理机 {host} 未达到 {state} 状态。', '请在 ZStack 中检查该物理机。'),
  alreadyMigrating: same(
    '{vm} 已在迁移中（开始于 {time}）。',
    '一台云主机一次只能进行一个迁移，此迁移正在进行：请在“活动”中跟踪。'
  ),

  migrationUnderWay: same('此云主机已有迁移正在进行；一台云主机一次只能进行一个迁移。', '请在“活动”中跟踪。'),
  fieldWrongType: same('{field} 的类型必须是 {expected}。'),
  fieldTooSmall: same('{field} 不能小于 {limit}。'),
  fieldTooBig: same('{field} 不能大于 {limit}。'),
  fieldTooShort: same('{field} 至少需要 {limit} 个字符。'),
  fieldTooLong: same('{field} 最多只能有 {limit} 个字符。'),
  fieldNotOneOf: same('{field} 必须是以下之一：{allowed}。'),
  fieldUnknown: same('{field} 不是已知字段。', '请将其删除。'),
  fieldInvalid: same('{field} 无效。'),
  notAProfileId: same('{field} 必须是配置 ID：1 到 64 个字母、数字、- 或 _。'),
  notAHostName: same('{field} 必须是主机名或 IP 地址，不含协议、端口或路径。'),
  notAnEndpointPath: same('{field} 必须是形如 zstack 的路径，开头不带斜杠。'),
  notPem: same('{field} 必须是至少包含一个 CERTIFICATE 块的 PEM 文本。'),
  notAProxyUrl: same('{field} 必须是以 http:// 或 https:// 开头的 URL。'),
  notATimeZone: same('{field} 必须是“{asWritten}”或时区名称（例如 Asia/Shanghai）。'),
  notAColour: same('{field} 必须是形如 #1e88e5 的颜色。'),
  notAStrategy: same('{field} 必须是策略名称，例如 auto-converge。'),
  notARecordId: same('{field} 必须是 ZStack Desk 生成的 ID（带连字符的小写 UUID）。'),
  listedTwice: same('{field} 中每个配置只能出现一次。'),
  fieldNeedsOther: same('{field} 需要同时提供 {other}。'),
  endNotAfterStart: same('{field} 必须晚于 {start}。'),
  windowTooLong: same('时间窗口最长只能跨越 {seconds} 秒。'),
  fleetWindowTooFar: same('一次搜索最多只能显示前 {limit} 台云主机。', '请缩小搜索范围以查看更多。'),
  placeFilterNeedsOneCluster: same('按区域、集群或物理机筛选时，{field} 中必须恰好有一个集群。'),
  profilesFileTooBig: same('配置文件大小为 {size}，超过了配置文件允许的 {limit}。'),
  profilesFileUnreadable: same('无法读取配置文件。'),
  profilesFileWrongVersion: same('配置文件的版本为 {version}；此 ZStack Desk 读取版本 {expected}。'),
  profilesFileCorrupt: same('配置文件已损坏。'),
  profilesFileCorruptAt: same('配置文件在第 {line} 行已损坏。'),
  profilesMovedAside: same(
    '{file} 已被移到一旁：已移动到 {aside}，没有删除任何内容。',
    '请从中重新导入所需内容。'
  ),
  profilesNotMovedAside: same(
    '{file} 无法使用，也无法移到一旁，因此在修复之前无法保存对配置的更改。',
    '请修复或删除该文件。'
  ),
  profilesSkipped: same(
    '{file} 中有 {count} 个配置无效，已被跳过；原文件的副本位于 {copy}。',
    '请按详细信息修复它们，然后从副本导入。'
  ),
  profilesSkippedNotCopied: same(
    '{file} 中有 {count} 个配置无效，且无法复制原文件，因此在修复之前无法保存对配置的更改。',
    '请修复详细信息中列出的条目。'
  ),
  profilesLinked: same('{file} 是指向 {target} 的链接；配置从 {target} 读取并保存到该位置。'),
  demoSettingsIgnored: same('{file} 中演示集群的设置已被忽略。'),
  usageNotRecorded: same('无法记录配置的最近使用时间。'),
  profileEntrySkipped: same('第 {entry} 项已跳过。'),
  profileEntrySkippedAt: same('第 {entry} 项（第 {line} 行）已跳过。'),
  demoIdReserved: same('ID“demo”保留给内置的演示集群。'),
  profileIdTwice: same('ID“{id}”出现了两次。'),
  proxyPasswordsNotMoved: same(
    'profiles.json 中的代理密码无法移入钥匙串；文件中的这些密码已不再使用。',
    '请在配置表单中重新输入。'
  ),
  dataDirMadePrivate: same('{dir} 曾可被其他用户读取（权限 {mode}）；现已改为仅您可访问（0700）。'),
  dataDirNotPrivate: same(
    '{dir} 可被其他用户读取（权限 {mode}），且无法改为仅您可访问。',
    '请运行：chmod 700 "{dir}"'
  ),
  journalMovedAside: same(
    '无法读取迁移记录文件 {file}；已将其移至 {aside}。',
    '请在 ZStack 中检查未完成的迁移。'
  ),
  journalRecordsSkipped: same('{file} 中有 {count} 条损坏的记录已跳过；原文件保存在 {aside}。'),
  vmActionsMovedAside: same('无法读取云主机操作记录文件 {file}；已将其移至 {aside}。'),
  vmActionsReplaced: same('无法读取云主机操作记录文件 {file}；它将被替换。'),
  batchesMovedAside: same('无法读取批量迁移记录；已将其移至 {aside}。'),
  importedAtStart: same('已导入 {file}：新增 {added} 个，更新 {updated} 个，拒绝 {rejected} 个。'),
  importAtStartFailed: same('无法导入 {file}。'),
  profilesReadOnly: same('配置文件已损坏，修复前无法保存对配置的更改。', '请修正或移除此处提到的文件。'),

  notOwnWindow: same('此调用并非来自 ZStack Desk 窗口。'),
  webHostGone: same('ZStack Desk 的 Web 服务没有响应。', '请重新启动它（npm run web）并刷新此页面。'),
  webHostRefused: same(
    'Web 服务拒绝了此页面。',
    '请打开它输出的地址（每个地址只能用于一个标签页），或刷新打开它的标签页。'
  ),

  zstackBadCredentials: same('管理节点拒绝了登录（ZStack {zstackCode}）。', '请检查账户名和密码。'),
  zstackPermissionDenied: same(
    '管理节点拒绝了此操作（ZStack {zstackCode}）。',
    '此账户没有该权限；请使用有权限的账户登录，或联系 ZStack 管理员。'
  ),
  zstackTimeout: same(
    '管理节点超时（ZStack {zstackCode}）。',
    '它可能较为繁忙：请稍后重试，重复操作前请先检查云主机状态。'
  ),
  zstackNotFound: same(
    '管理节点找不到某个资源（ZStack {zstackCode}）。',
    '云主机或物理机已不存在。请刷新列表后重新选择。'
  ),
  zstackWrongState: same(
    '云主机当前状态不允许此操作（ZStack {zstackCode}）。',
    '云主机当前状态不允许迁移（必须为 Running、Paused 或 Unknown）。请先启动或恢复云主机，然后重试。'
  ),
  zstackInvalidArgument: same(
    '管理节点拒绝了某个参数（ZStack {zstackCode}）。',
    '目标可能就是云主机当前所在的物理机，或此版本不接受该策略（5.2.1 只接受 auto-converge）。请选择其他物理机或默认策略。'
  ),
  zstackNoHost: same(
    '没有适合此云主机的物理机（ZStack {zstackCode}）。',
    '目标物理机不可用（必须为 Enabled 且 Connected），或没有足够容量。请选择其他物理机，或释放其容量。'
  ),
  zstackOperationFailed: same(
    'ZStack 无法按当前配置对此云主机执行该操作（ZStack {zstackCode}）。',
    '挂载了 ISO、根云盘位于本地存储且有数据云盘，或客户机不是 Linux，导致无法热迁移。请先卸载 ISO，或先迁移存储。'
  ),
  zstackHypervisorFailed: same(
    '虚拟化层未能迁移云主机（ZStack {zstackCode}）。',
    '云主机仍在源物理机上。请检查两台物理机之间的网络及其 libvirt 日志，然后重试。'
  ),
  zstackHostDisconnected: same(
    '有物理机与管理节点断开连接（ZStack {zstackCode}）。',
    '请在 ZStack 中重新连接它，或选择其他物理机，然后重试。'
  ),
  zstackOther: same(
    '管理节点报告了错误（ZStack {zstackCode}）。',
    '请阅读服务器给出的详细信息；决定下一步前请先检查云主机的当前状态。'
  )
}

/** Merged into the i18n messages under `errorKinds`. */
export const errorMessages = {
  en: { errorKinds: en, errorWords: { because: ' ({cause})' } },
  'zh-CN': { errorKinds: zhCN, errorWords: { because: '（{cause}）' } }
}
