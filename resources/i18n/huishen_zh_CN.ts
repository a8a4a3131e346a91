<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../app/attempts.py" line="+58" />
        <source>Too many wrong passphrases for {name}: wait {seconds} s, then try again.</source>
        <translation>{name} 的口令错误次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../app/accounts.py" line="+30" />
        <source>The {what} name must be 1 to 100 characters long.</source>
        <translation>{what}名称须为 1 至 100 个字符。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The {what} name may not contain control characters, '=', '/' or '\'.</source>
        <translation>{what}名称不能包含控制字符、“=”、“/”或“\”。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>'{name}' is reserved; choose another name.</source>
        <translation>“{name}”为保留名称，请另选名称。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The passphrase must be at least {n} characters long.</source>
        <translation>口令至少须为 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+26" />
        <location line="+75" />
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="-38" />
        <source>The key slot of {name} has no account in the database; the store is inconsistent.</source>
        <translation>{name} 的密钥槽在数据库中没有对应账户：存储库不一致。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The account {name} is disabled. Ask the administrator.</source>
        <translation>账户 {name} 已停用，请联系系统管理员。</translation>
    </message>
    <message>
        <location line="+37" />
        <location line="+4" />
        <source>An account named {name} already exists.</source>
        <translation>名为 {name} 的账户已存在。</translation>
    </message>
    <message>
        <location filename="../../app/keyslots.py" line="+62" />
        <source>Unknown account: {name}. Check the account name.</source>
        <translation>账户不存在：{name}。请检查账户名。</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The key slot of {name} is damaged (unknown key derivation).</source>
        <translation>{name} 的密钥槽已损坏（未知的密钥派生方式）。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Wrong passphrase for {name}. Check the passphrase and try again.</source>
        <translation>{name} 的口令错误。请检查口令后重试。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The key slot of {name} is damaged.</source>
        <translation>{name} 的密钥槽已损坏。</translation>
    </message>
    <message>
        <location line="+24" />
        <source>The key-slot file {path} is damaged; restore it from a backup.</source>
        <translation>密钥槽文件 {path} 已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The key-slot file {path} is missing; restore it from a backup.</source>
        <translation>密钥槽文件 {path} 缺失，请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="+45" />
        <source>Which account? Give --user NAME (or set HUISHEN_USER).</source>
        <translation>请指定账户：使用 --user 账户名（或设置 HUISHEN_USER）。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_accounts.py" line="+16" />
        <source>Account: {v}</source>
        <translation>账户：{v}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Roles: {v}</source>
        <translation>角色：{v}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Department: {v}</source>
        <translation>部门：{v}</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+32" />
        <source>Identity fingerprint: {v}</source>
        <translation>身份指纹：{v}</translation>
    </message>
    <message>
        <location line="-31" />
        <source>Workstation fingerprint: {v}</source>
        <translation>工作站指纹：{v}</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Created a new store in {path}.</source>
        <translation>已在 {path} 创建新的存储库。</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Added account {name} ({roles}).</source>
        <translation>已添加账户 {name}（{roles}）。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The passphrase of {name} was changed.</source>
        <translation>{name} 的口令已修改。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0" />
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+10" />
        <source>create a new store in --store DIR</source>
        <translation>在 --store 目录中创建新的存储库</translation>
    </message>
    <message>
        <location line="+1" />
        <source>name of the first account, the administrator</source>
        <translation>第一个账户（系统管理员）的名称</translation>
    </message>
    <message>
        <location line="+1" />
        <source>file holding the administrator's passphrase</source>
        <translation>存放系统管理员口令的文件</translation>
    </message>
    <message>
        <location line="+3" />
        <source>account, roles, department, fingerprint</source>
        <translation>账户、角色、部门、指纹</translation>
    </message>
    <message>
        <location line="+3" />
        <source>manage accounts</source>
        <translation>管理账户</translation>
    </message>
    <message>
        <location line="+2" />
        <source>add an account (administrator)</source>
        <translation>添加账户（系统管理员）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>role (repeatable or comma-separated)</source>
        <translation>角色（可重复或用逗号分隔）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>file holding the new account's passphrase</source>
        <translation>存放新账户口令的文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>change your own passphrase</source>
        <translation>修改本人口令</translation>
    </message>
    <message>
        <location line="+1" />
        <source>file holding the new passphrase</source>
        <translation>存放新口令的文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>list accounts (administrator, auditor)</source>
        <translation>列出账户（系统管理员、安全审计员）</translation>
    </message>
    <message>
        <location filename="../../app/cli/secrets_input.py" line="+23" />
        <source>Cannot read the passphrase file {path}.</source>
        <translation>无法读取口令文件 {path}。</translation>
    </message>
    <message>
        <location line="+19" />
        <source>No passphrase given for {who}: set HUISHEN_PASSPHRASE or use --passphrase-file.</source>
        <translation>未提供 {who} 的口令：请设置 HUISHEN_PASSPHRASE 或使用 --passphrase-file。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Passphrase for {who}: </source>
        <translation>{who} 的口令：</translation>
    </message>
    <message>
        <location line="+33" />
        <source>No new passphrase given: set HUISHEN_NEW_PASSPHRASE or use --new-passphrase-file.</source>
        <translation>未提供新口令：请设置 HUISHEN_NEW_PASSPHRASE 或使用 --new-passphrase-file。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New passphrase: </source>
        <translation>新口令：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New passphrase again: </source>
        <translation>再次输入新口令：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two passphrases differ; nothing was changed.</source>
        <translation>两次输入的口令不一致，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../app/cli/__init__.py" line="+29" />
        <source>huishen: {message}</source>
        <translation>huishen：{message}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>store directory</source>
        <translation>存储库目录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>acting account (or $HUISHEN_USER)</source>
        <translation>操作账户（或 $HUISHEN_USER）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+4" />
        <source>passphrase file; NAME=FILE for another account (repeatable)</source>
        <translation>口令文件；他人账户用 账户名=文件（可重复）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+3" />
        <source>show tracebacks of internal errors</source>
        <translation>显示内部错误的调用栈</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Huishen: back-to-back joint reviews with sealed opinions.</source>
        <translation>会审：背靠背会商会审，意见密封。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>the desktop window (default)</source>
        <translation>桌面窗口（默认）</translation>
    </message>
    <message>
        <location line="+49" />
        <source>Interrupted; nothing further was changed.</source>
        <translation>已中断，未作进一步修改。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Internal error ({kind}); run again with --debug and report it.</source>
        <translation>内部错误（{kind}）：请加 --debug 重新运行并报告。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_audit.py" line="+20" />
        <source>'{text}' is not an ISO 8601 date or time (e.g. 2026-11-23T09:00).</source>
        <translation>“{text}”不是 ISO 8601 日期或时间（例如 2026-11-23T09:00）。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>BROKEN at entry {seq}: {problem}</source>
        <translation>校验失败，第 {seq} 条：{problem}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>No entries.</source>
        <translation>没有记录。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the audit log (auditor)</source>
        <translation>审计日志（安全审计员）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>recompute the chain and check every signature</source>
        <translation>重新计算哈希链并核验每个签名</translation>
    </message>
    <message>
        <location line="+2" />
        <source>entries, newest last</source>
        <translation>列出记录，最新的在最后</translation>
    </message>
    <message>
        <location line="+1" />
        <source>only entries at or after this ISO 8601 time</source>
        <translation>只列出此 ISO 8601 时间及之后的记录</translation>
    </message>
    <message>
        <location line="+2" />
        <source>action or action prefix, e.g. session.</source>
        <translation>操作或操作前缀，例如 session.</translation>
    </message>
    <message>
        <location filename="../../app/identity.py" line="+81" />
        <source>The identity keys of this account do not open: the store may have been tampered with.</source>
        <translation>本账户的身份密钥无法解开：存储库可能已被篡改。</translation>
    </message>
    <message>
        <location line="+15" />
        <source>No identity is recorded for this account; the store is damaged.</source>
        <translation>本账户没有身份记录：存储库已损坏。</translation>
    </message>
    <message>
        <location filename="../../app/permissions.py" line="+94" />
        <source>Your account's roles do not permit this operation ({operation}).</source>
        <translation>您的账户角色无权执行此操作（{operation}）。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Unknown role '{role}'. Roles: {roles}.</source>
        <translation>未知角色“{role}”。可用角色：{roles}。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>An account needs at least one role.</source>
        <translation>账户至少需要一个角色。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The administrator, security officer and auditor roles cannot be combined with any other role.</source>
        <translation>系统管理员、安全保密管理员和安全审计员角色不能与其他任何角色兼任。</translation>
    </message>
    <message>
        <location filename="../../app/audit.py" line="+114" />
        <source>entry {seq} is missing (removed or renumbered)</source>
        <translation>第 {seq} 条记录缺失（被删除或重新编号）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>entry {seq} does not follow entry {prev} (reordered or removed)</source>
        <translation>第 {seq} 条记录未接续第 {prev} 条（顺序被改动或有记录被删除）</translation>
    </message>
    <message>
        <location line="+5" />
        <source>entry {seq} was altered</source>
        <translation>第 {seq} 条记录被改动</translation>
    </message>
    <message>
        <location line="+3" />
        <source>entry {seq} has an invalid signature</source>
        <translation>第 {seq} 条记录的签名无效</translation>
    </message>
    <message>
        <location line="+3" />
        <source>entry {seq} is signed by another account's key</source>
        <translation>第 {seq} 条记录由其他账户的密钥签名</translation>
    </message>
    <message>
        <location line="+5" />
        <source>entry {seq} has unreadable details</source>
        <translation>第 {seq} 条记录的详情无法读取</translation>
    </message>
    <message>
        <location line="+2" />
        <source>entry {seq} is signed by an unregistered key</source>
        <translation>第 {seq} 条记录由未登记的密钥签名</translation>
    </message>
    <message>
        <location filename="../../app/store.py" line="+51" />
        <source>No store in {path}. Create one with 'huishen init' or choose another directory.</source>
        <translation>{path} 中没有存储库。请用“huishen init”创建，或选择其他目录。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>{path} is a plain, unencrypted SQLite file; Huishen opens only encrypted stores.</source>
        <translation>{path} 是未加密的普通 SQLite 文件；会审只打开加密存储库。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The database {path} is truncated or damaged; restore it from a backup.</source>
        <translation>数据库 {path} 被截断或已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The database {path} does not belong to this key-slot file, or is damaged.</source>
        <translation>数据库 {path} 与密钥槽文件不匹配，或已损坏。</translation>
    </message>
    <message>
        <location line="+61" />
        <source>{path} already holds a store; choose an empty directory.</source>
        <translation>{path} 中已有存储库，请选择空目录。</translation>
    </message>
    <message>
        <location filename="../../ui/worker.py" line="+91" />
        <source>Internal error ({kind}); please report it.</source>
        <translation>内部错误（{kind}），请报告。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+17" />
        <source>Huishen</source>
        <translation>会审</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed in as {name} ({roles}).</source>
        <translation>已登录：{name}（{roles}）。</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../../ui/unlock.py" line="+33" />
        <source>Huishen — unlock</source>
        <translation>会审 — 解锁</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Huishen back-to-back joint review</source>
        <translation>会审 · 背靠背会商会审</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Enter your account name.</source>
        <translation>请输入账户名。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unlocking…</source>
        <translation>正在解锁……</translation>
    </message>
</context>
</TS>