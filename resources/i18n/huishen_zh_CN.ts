<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/attempts.py" line="+46"/>
        <source>The record of failed sign-ins {path} is damaged; nothing was changed. The administrator removes it (the counts start again) or restores it from a backup.</source>
        <translation>登录失败记录 {path} 已损坏；未作任何更改。请管理员删除该文件（计数将重新开始）或从备份恢复。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The record of failed sign-ins</source>
        <translation>登录失败记录</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Too many wrong passphrases for {name}: wait {seconds} s, then try again.</source>
        <translation>{name} 的口令错误次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../app/account_names.py" line="+24"/>
        <source>The {what} name must be 1 to 100 characters long.</source>
        <translation>{what}名称须为 1 至 100 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {what} name may not contain control characters, &apos;=&apos;, &apos;/&apos; or &apos;\&apos;.</source>
        <translation>{what}名称不能包含控制字符、“=”、“/”或“\”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{name}&apos; is reserved; choose another name.</source>
        <translation>“{name}”为保留名称，请另选名称。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Give a reason for disabling the account; it is recorded in the audit log.</source>
        <translation>请填写停用账户的原因；原因将记入审计日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason may be at most {n} characters long.</source>
        <translation>原因最多 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason may not contain control characters.</source>
        <translation>原因不能包含控制字符。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The store holds more than one account named {name}: the database was altered. Tell the auditor.</source>
        <translation>存储库中有不止一个名为 {name} 的账户：数据库已被改动。请告知审计员。</translation>
    </message>
    <message>
        <location filename="../../app/passphrase.py" line="+32"/>
        <source>The passphrase must be at least {n} characters long.</source>
        <translation>口令至少须为 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrase may be at most {n} characters long.</source>
        <translation>口令最多 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrase may not consist of spaces only.</source>
        <translation>口令不能全部由空格组成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase may not contain the account&apos;s name.</source>
        <translation>口令不能包含账户名称。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This passphrase is too easy to guess (strength {score} of 4; the security policy asks for {min}). Avoid common passwords, names, dates, repeated characters and keyboard runs; several unrelated words with digits or signs are strong and easy to remember.</source>
        <translation>该口令太容易被猜出（强度 {score}/4，安全策略要求至少 {min}）。请避免常见口令、姓名、日期、重复字符和键盘连续键；用几个互不相关的词加上数字或符号，既安全又好记。</translation>
    </message>
    <message>
        <location filename="../../app/account_names.py" line="-31"/>
        <location filename="../../app/sessions/naming.py" line="+35"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/account_unlock.py" line="+47"/>
        <source>The account {name} is not registered in the signed audit log; the store was tampered with.</source>
        <translation>账户 {name} 未在已签名的审计日志中登记；存储已被篡改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../app/sessions/reveal.py" line="+104"/>
        <source>The registered identity key of {name} is missing from the store; the store was tampered with.</source>
        <translation>{name} 已登记的身份密钥在存储中缺失；存储已被篡改。</translation>
    </message>
    <message>
        <location filename="../../app/account_admin.py" line="+33"/>
        <location filename="../../app/account_unlock.py" line="+20"/>
        <location filename="../../app/exchange/members.py" line="+40"/>
        <location filename="../../app/setup_wizard.py" line="+36"/>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../app/account_unlock.py" line="+67"/>
        <source>The newest log head could not be kept in your key slot ({problem}); it will be at the next command.</source>
        <translation>最新的日志末条未能记入您的密钥槽（{problem}）；将在下一条命令时记入。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The key slot of {name} has no account in the database; the store is inconsistent.</source>
        <translation>{name} 的密钥槽在数据库中没有对应账户：存储库不一致。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The account {name} is disabled. Ask the administrator.</source>
        <translation>账户 {name} 已停用，请联系系统管理员。</translation>
    </message>
    <message>
        <location filename="../../app/account_admin.py" line="+8"/>
        <source>An account named {name} already exists.</source>
        <translation>名为 {name} 的账户已存在。</translation>
    </message>
    <message>
        <location filename="../../app/account_passwd.py" line="+46"/>
        <source>The passphrase of {name} was changed by another program after you signed in; nothing was changed. Sign in again with the current passphrase.</source>
        <translation>{name} 的口令在您登录后已被另一个程序修改；未作任何更改。请用当前口令重新登录。</translation>
    </message>
    <message>
        <location filename="../../app/account_admin.py" line="+83"/>
        <source>You cannot disable your own account.</source>
        <translation>不能停用本人账户。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+49"/>
        <location filename="../../app/clearance.py" line="+39"/>
        <location filename="../../app/grants.py" line="+74"/>
        <source>No account named {name}.</source>
        <translation>没有名为 {name} 的账户。</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>{name} is a member at another workstation and has no key slot here.</source>
        <translation>{name} 是其他工作站的成员，在本工作站没有密钥槽。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change your own passphrase with &apos;user passwd&apos;.</source>
        <translation>本人口令请用“user passwd”修改。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{name} holds a share of a reveal key that is still needed; reset the passphrase after that session is revealed.</source>
        <translation>{name} 持有尚需使用的揭封密钥份额；请在该会审事项揭封后再重置口令。</translation>
    </message>
    <message>
        <location filename="../../app/keyslots.py" line="+173"/>
        <source>Unknown account: {name}. Check the account name.</source>
        <translation>账户不存在：{name}。请检查账户名。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Wrong passphrase for {name}. Check the passphrase and try again.</source>
        <translation>{name} 的口令错误。请检查口令后重试。</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>The key slot of {name} is damaged; this account cannot sign in until the administrator re-issues it. Other accounts are not affected.</source>
        <translation>{name} 的密钥槽已损坏；在管理员重新签发之前该账户无法登录。其他账户不受影响。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The key slot of {name} uses a key derivation weaker than allowed; it is refused. Ask the administrator to re-issue it.</source>
        <translation>{name} 的密钥槽使用的密钥派生强度低于允许值，已被拒绝。请管理员重新签发。</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The key-slot file {path} is damaged; restore it from a backup.</source>
        <translation>密钥槽文件 {path} 已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The key-slot file</source>
        <translation>密钥槽文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key-slot file {path} is missing; restore it from a backup.</source>
        <translation>密钥槽文件 {path} 缺失，请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="+56"/>
        <source>Which account? Give --user NAME (or set HUISHEN_USER).</source>
        <translation>请指定账户：使用 --user 账户名（或设置 HUISHEN_USER）。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_backup.py" line="+32"/>
        <source>Backup written to {file} and verified (audit log up to entry {audit_seq}).</source>
        <translation>备份已写入 {file} 并通过验证（审计日志截至第 {audit_seq} 条）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../app/cli/common.py" line="+11"/>
        <location line="+6"/>
        <source>Warning: {problem}</source>
        <translation>警告：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored the backup of {backup_created} into {store}; the restore is recorded in its audit log.</source>
        <translation>已将 {backup_created} 的备份恢复到 {store}；此次恢复已记入其审计日志。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>write an encrypted, signed backup of the store</source>
        <translation>写出存储库的加密、签名备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the backup file (outside the store; must not exist)</source>
        <translation>备份文件（位于存储库之外，且不得已存在）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore a backup into a new store directory (--store)</source>
        <translation>将备份恢复到新的存储库目录（--store）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_accounts.py" line="+24"/>
        <source>Account: {v}</source>
        <translation>账户：{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles: {v}</source>
        <translation>角色：{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department: {v}</source>
        <translation>部门：{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Identity fingerprint: {v}</source>
        <translation>身份指纹：{v}</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Workstation fingerprint: {v}</source>
        <translation>工作站指纹：{v}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Created a new store in {path}.</source>
        <translation>已在 {path} 创建新的存储库。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Added account {name} ({roles}).</source>
        <translation>已添加账户 {name}（{roles}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The passphrase of {name} was changed.</source>
        <translation>{name} 的口令已修改。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Disabled {name}; the reason is recorded in the audit log.</source>
        <translation>已停用 {name}；原因已记入审计日志。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enabled {name}.</source>
        <translation>已启用 {name}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>re-issued key</source>
        <translation>重新签发的密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing awaits authorisation.</source>
        <translation>没有待授权的事项。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Authorised {name}: {roles} for key {fp}.</source>
        <translation>已授权 {name}：角色 {roles}，密钥 {fp}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No accounts.</source>
        <translation>没有账户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the level: huishen user clearance NAME LEVEL (非密, 秘密, 机密, 绝密).</source>
        <translation>请给出等级：huishen user clearance 账户名 等级（非密、秘密、机密、绝密）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is now cleared for {level} (was {was}).</source>
        <translation>{name}的涉密等级已设为{level}（原为{was}）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Issued {n} one-time round keys; {unused} unused in all.</source>
        <translation>已签发 {n} 个一次性轮次密钥；共有 {unused} 个未用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>create a new store in --store DIR</source>
        <translation>在 --store 目录中创建新的存储库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name of the first account, the administrator</source>
        <translation>第一个账户（系统管理员）的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file holding the administrator&apos;s passphrase</source>
        <translation>存放系统管理员口令的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>account, roles, department, fingerprint</source>
        <translation>账户、角色、部门、指纹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>manage accounts</source>
        <translation>管理账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>add an account (administrator)</source>
        <translation>添加账户（系统管理员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role (repeatable or comma-separated)</source>
        <translation>角色（可重复或用逗号分隔）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file holding the new account&apos;s passphrase</source>
        <translation>存放新账户口令的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change your own passphrase</source>
        <translation>修改本人口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file holding the new passphrase</source>
        <translation>存放新口令的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list accounts (administrator, auditor)</source>
        <translation>列出账户（系统管理员、安全审计员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>disable an account, with a reason (administrator)</source>
        <translation>停用账户，须填写原因（管理员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>why the account is disabled (recorded in the audit log)</source>
        <translation>停用账户的原因（记入审计日志）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>enable a disabled account again (administrator)</source>
        <translation>重新启用已停用的账户（管理员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>why the account is enabled again (recorded in the audit log)</source>
        <translation>重新启用账户的原因（记入审计日志）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accounts awaiting authorisation (security officer)</source>
        <translation>待授权的账户（安全保密管理员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>authorise an account&apos;s roles or re-issued key (security officer)</source>
        <translation>授权账户的角色或重新签发的密钥（安全保密管理员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the fingerprint the person read aloud, checked before authorising</source>
        <translation>本人当面念出的指纹，授权前核对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set an account&apos;s clearance level, or list them (security officer)</source>
        <translation>设定账户涉密等级，或列出各账户等级（安全保密管理员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>非密, 秘密, 机密 or 绝密</source>
        <translation>非密、秘密、机密或绝密</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>your one-time round keys (custodian)</source>
        <translation>本人的一次性轮次密钥（监督人）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>issue a batch of one-time round keys (custodian)</source>
        <translation>签发一批一次性轮次密钥（监督人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how many keys (1 to 100)</source>
        <translation>密钥个数（1 至 100）</translation>
    </message>
    <message>
        <location filename="../../app/cli/secrets_input.py" line="+24"/>
        <source>The passphrase file</source>
        <translation>口令文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read the passphrase file {path}.</source>
        <translation>无法读取口令文件 {path}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the passphrase file {path}: {reason}</source>
        <translation>无法读取口令文件 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No passphrase given for {who}: set HUISHEN_PASSPHRASE or use --passphrase-file.</source>
        <translation>未提供 {who} 的口令：请设置 HUISHEN_PASSPHRASE 或使用 --passphrase-file。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No passphrase given for {who}: use --passphrase-file {who}=FILE.</source>
        <translation>未提供 {who} 的口令：请使用 --passphrase-file {who}=文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase for {who}: </source>
        <translation>{who} 的口令：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No new passphrase given: set HUISHEN_NEW_PASSPHRASE or use --new-passphrase-file.</source>
        <translation>未提供新口令：请设置 HUISHEN_NEW_PASSPHRASE 或使用 --new-passphrase-file。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase: </source>
        <translation>新口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase again: </source>
        <translation>再次输入新口令：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ; nothing was changed.</source>
        <translation>两次输入的口令不一致，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../app/cli/__init__.py" line="+65"/>
        <source>huishen: {message} (see &apos;huishen --help&apos;)</source>
        <translation>huishen：{message}（参见“huishen --help”）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>store directory</source>
        <translation>存储库目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acting account (or $HUISHEN_USER)</source>
        <translation>操作账户（或 $HUISHEN_USER）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>passphrase file; NAME=FILE for another account (repeatable)</source>
        <translation>口令文件；他人账户用 账户名=文件（可重复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>show tracebacks of internal errors</source>
        <translation>显示内部错误的调用栈</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Huishen: back-to-back joint reviews with sealed opinions.</source>
        <translation>会审：背靠背会商会审，意见密封。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the desktop window (default)</source>
        <translation>桌面窗口（默认）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>the argument &apos;{arg}&apos; is not valid UTF-8</source>
        <translation>参数“{arg}”不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Interrupted; nothing further was changed.</source>
        <translation>已中断，未作进一步修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/fsutil.py" line="+57"/>
        <source>The output was closed before everything was written.</source>
        <translation>输出在全部写完之前已被关闭。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Internal error ({kind}); run again with --debug and report it.</source>
        <translation>内部错误（{kind}）：请加 --debug 重新运行并报告。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_audit.py" line="+27"/>
        <source>&apos;{text}&apos; is not an ISO 8601 date or time (e.g. 2026-11-23T09:00).</source>
        <translation>“{text}”不是 ISO 8601 日期或时间（例如 2026-11-23T09:00）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>BROKEN at entry {seq}: {problem}</source>
        <translation>校验失败，第 {seq} 条：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chain of {n} entries holds, but the store differs from what was signed:</source>
        <translation>日志链（共 {n} 条）完整，但存储内容与签名记录不符：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No entries.</source>
        <translation>没有记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the audit log (auditor)</source>
        <translation>审计日志（安全审计员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recompute the chain and check every signature</source>
        <translation>重新计算哈希链并核验每个签名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>entries, newest last</source>
        <translation>列出记录，最新的在最后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only entries at or after this ISO 8601 time</source>
        <translation>只列出此 ISO 8601 时间及之后的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>action or action prefix, e.g. session.</source>
        <translation>操作或操作前缀，例如 session.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep only the newest N entries</source>
        <translation>只保留最新的 N 条记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only entries older than this sequence number (the next page back)</source>
        <translation>只列出序号小于此数的记录（向前翻一页）</translation>
    </message>
    <message>
        <location filename="../../app/identity.py" line="+88"/>
        <source>The identity keys of this account do not open: the store may have been tampered with.</source>
        <translation>本账户的身份密钥无法解开：存储库可能已被篡改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No identity is recorded for this account; the store is damaged.</source>
        <translation>本账户没有身份记录：存储库已损坏。</translation>
    </message>
    <message>
        <location filename="../../app/permissions.py" line="+106"/>
        <source>Your account&apos;s roles do not permit this operation ({operation}).</source>
        <translation>您的账户角色无权执行此操作（{operation}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown role &apos;{role}&apos;. Roles: {roles}.</source>
        <translation>未知角色“{role}”。可用角色：{roles}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An account needs at least one role.</source>
        <translation>账户至少需要一个角色。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The administrator, security officer and auditor roles cannot be combined with any other role.</source>
        <translation>系统管理员、安全保密管理员和安全审计员角色不能与其他任何角色兼任。</translation>
    </message>
    <message>
        <location filename="../../app/registry.py" line="+134"/>
        <location filename="../../app/registry_replay.py" line="+136"/>
        <source>entry {seq} is missing (removed or renumbered)</source>
        <translation>第 {seq} 条记录缺失（被删除或重新编号）</translation>
    </message>
    <message>
        <location filename="../../app/registry_replay.py" line="+4"/>
        <source>entry {seq} does not follow entry {prev} (reordered or removed)</source>
        <translation>第 {seq} 条记录未接续第 {prev} 条（顺序被改动或有记录被删除）</translation>
    </message>
    <message>
        <location filename="../../app/facts.py" line="+116"/>
        <location filename="../../app/registry.py" line="+5"/>
        <location filename="../../app/registry_replay.py" line="+6"/>
        <source>entry {seq} was altered</source>
        <translation>第 {seq} 条记录被改动</translation>
    </message>
    <message>
        <location filename="../../app/registry_replay.py" line="-23"/>
        <location line="+3"/>
        <location line="+29"/>
        <source>entry {seq} has an invalid signature</source>
        <translation>第 {seq} 条记录的签名无效</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>entry {seq} names no account</source>
        <translation>第 {seq} 条记录未指明账户</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>entry 1 is not the store&apos;s genesis entry</source>
        <translation>第 1 条记录不是本存储的创始记录</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>entry {seq} is signed by another account&apos;s key</source>
        <translation>第 {seq} 条记录由其他账户的密钥签名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>entry {seq} is signed with a retired key</source>
        <translation>第 {seq} 条记录使用已停用的密钥签名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>entry {seq} is signed by a disabled account</source>
        <translation>第 {seq} 条记录由已停用的账户签名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>entry {seq} ({action}) was made by {actor}, whose roles do not allow it</source>
        <translation>第 {seq} 条记录（{action}）由 {actor} 作出，但其角色无此权限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entry {seq} records an unknown action</source>
        <translation>第 {seq} 条记录的操作类型未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <location line="+16"/>
        <location line="+61"/>
        <source>entry {seq} names an unknown account</source>
        <translation>第 {seq} 条记录指向未知账户</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+29"/>
        <source>entry {seq} registers a key without the right to</source>
        <translation>第 {seq} 条记录无权登记密钥</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>entry {seq} registers a foreign identity twice or malformed</source>
        <translation>第 {seq} 条重复登记外部身份或格式错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entry {seq} revokes an unknown foreign identity</source>
        <translation>第 {seq} 条撤销了未知的外部身份</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>entry {seq} authorises an unknown foreign identity</source>
        <translation>第 {seq} 条授权了未知的外部身份</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>entry {seq} registers a key that is already registered</source>
        <translation>第 {seq} 条记录登记了已登记过的密钥</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>entry {seq} enrols a remote member wrongly</source>
        <translation>第 {seq} 条记录登记远程成员有误</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>entry {seq} adds an account twice or malformed</source>
        <translation>第 {seq} 条记录重复添加账户或格式错误</translation>
    </message>
    <message>
        <location filename="../../app/facts_replay.py" line="+126"/>
        <location filename="../../app/registry_replay.py" line="-257"/>
        <location line="+2"/>
        <source>entry {seq} has unreadable details</source>
        <translation>第 {seq} 条记录的详情无法读取</translation>
    </message>
    <message>
        <location filename="../../app/registry_replay.py" line="+80"/>
        <location line="+15"/>
        <source>entry {seq} is signed by an unregistered key</source>
        <translation>第 {seq} 条记录由未登记的密钥签名</translation>
    </message>
    <message>
        <location filename="../../app/store.py" line="+68"/>
        <source>The store {path} is busy with another Huishen program; nothing was changed. Try again.</source>
        <translation>存储库 {path} 正被另一个会审程序占用；未作任何更改。请重试。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The database {path} is damaged; restore the store from a backup (&apos;huishen restore&apos;).</source>
        <translation>数据库 {path} 已损坏；请从备份恢复存储库（&apos;huishen restore&apos;）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No store in {path}. Create one with &apos;huishen init&apos; or choose another directory.</source>
        <translation>{path} 中没有存储库。请用“huishen init”创建，或选择其他目录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is not a regular file; refused.</source>
        <translation>{path} 不是普通文件；已拒绝。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The store {path} cannot be written ({reason}); Huishen needs to write to it.</source>
        <translation>存储库 {path} 无法写入（{reason}）；会审需要写入该存储库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{path} is a plain, unencrypted SQLite file; Huishen opens only encrypted stores.</source>
        <translation>{path} 是未加密的普通 SQLite 文件；会审只打开加密存储库。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database {path} is truncated or damaged; restore it from a backup.</source>
        <translation>数据库 {path} 被截断或已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The database {path} is damaged ({problem}); restore the store from a backup.</source>
        <translation>数据库 {path} 已损坏（{problem}）；请从备份恢复存储库。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The database {path} does not belong to this key-slot file, or is damaged.</source>
        <translation>数据库 {path} 与密钥槽文件不匹配，或已损坏。</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>{path} already holds a store; choose an empty directory.</source>
        <translation>{path} 中已有存储库，请选择空目录。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The store says its schema is {revision}, but its tables are of a later version: the version was set back (tampered with) or files of different copies were mixed. Nothing was changed; restore the store from a backup (&apos;huishen restore&apos;).</source>
        <translation>存储库标明其结构版本为 {revision}，但其数据表属于更新的版本：版本号被改回（遭篡改），或混用了不同副本的文件。未作任何更改；请从备份恢复存储库（“huishen restore”）。</translation>
    </message>
    <message>
        <location filename="../../ui/worker.py" line="+188"/>
        <source>Internal error ({kind}); please report it.</source>
        <translation>内部错误（{kind}），请报告。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_demo.py" line="+30"/>
        <source>Demo data created in {path}. Accounts:</source>
        <translation>已在 {path} 创建演示数据。账户：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>create example accounts and sessions</source>
        <translation>创建演示账户和会审事项</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_dossier.py" line="+39"/>
        <source>Dossier written to {file} (copy {copy}); the session is archived.</source>
        <translation>案卷已写入 {file}（份号 {copy}）；会审事项已归档。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Preview written to {file} (unsigned, marked as a preview); the session is not archived.</source>
        <translation>预览稿已写入 {file}（未签名，标有预览字样）；会审事项未归档。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="+35"/>
        <location filename="../../app/dossier/fontcheck.py" line="+72"/>
        <location filename="../../app/dossier/service.py" line="+142"/>
        <location line="+25"/>
        <source>Cannot read {path}.</source>
        <translation>无法读取 {path}。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_dossier.py" line="+10"/>
        <location line="+129"/>
        <source>The certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>The dossier</source>
        <translation>卷宗</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>VERIFIED</source>
        <translation>核验通过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED: {reason}</source>
        <translation>核验失败：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--at takes a date and time such as 2056-11-30T12:00:00+08:00.</source>
        <translation>--at 需要日期和时间，例如 2056-11-30T12:00:00+08:00。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Archive timestamp added to {file}.</source>
        <translation>已为 {file} 加盖存档时间戳。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Font {name} installed for {role}.</source>
        <translation>已为{role}安装字体 {name}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--years must be 1 to 50.</source>
        <translation>--years 必须在 1 到 50 之间。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CA fingerprint: {v}</source>
        <translation>CA 证书指纹：{v}</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Signing certificate: {v}</source>
        <translation>签章证书：{v}</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>The revocation list file</source>
        <translation>吊销列表文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>note: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Timestamping certificates come with each clerk&apos;s signing certificate (&apos;huishen cert issue NAME&apos;).</source>
        <translation>时间戳证书随每位记录员的签名证书一并签发（“huishen cert issue 姓名”）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>Revocation list renewed (valid until {date}).</source>
        <translation>已更新证书吊销列表（有效期至 {date}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Written to {file}: give it to verifiers (&apos;dossier verify FILE --crl {file}&apos;).</source>
        <translation>已写入 {file}：请交给核验方（&apos;dossier verify 文件 --crl {file}&apos;）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signing and timestamping keys made and sealed to your identity; the request is signed.</source>
        <translation>签名密钥和时间戳密钥已生成并密封至您的身份密钥；申请已签名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The security officer now runs &apos;huishen cert issue {name}&apos;.</source>
        <translation>请保密员运行“huishen cert issue {name}”签发证书。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signing and timestamping certificates issued to {name}.</source>
        <translation>已向 {name} 签发签名证书和时间戳证书。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}: request {digest}</source>
        <translation>{name}：申请 {digest}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No certificate request awaits you.</source>
        <translation>没有待您签发的证书申请。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Local certificate authority created; its key opens only with your passphrase.</source>
        <translation>已创建本地证书机构；其私钥只能用您的口令打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each clerk runs &apos;huishen cert request&apos;; you then run &apos;huishen cert issue NAME&apos;.</source>
        <translation>每位记录员运行“huishen cert request”，随后由您运行“huishen cert issue 姓名”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Imported signing certificate {v}.</source>
        <translation>已导入签章证书 {v}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CA certificate written to {path}.</source>
        <translation>CA 证书已写入 {path}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the signed PDF dossier</source>
        <translation>经签名的 PDF 案卷</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>export and archive a decided session (clerk)</source>
        <translation>导出并归档已决定的会审事项（记录员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>replace an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>retention period: 永久, 30年 or 10年 (default: by matter kind)</source>
        <translation>保管期限：永久、30年或10年（默认按事项类型）</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>write an unsigned preview; archives nothing (clerk)</source>
        <translation>生成未签名的预览稿，不归档（记录员）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>verify a dossier&apos;s signature and fingerprints</source>
        <translation>核验案卷的签名和指纹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>check the file only, not against a store</source>
        <translation>只核验文件，不与存储库比对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify as if the clock read TIME (ISO 8601), e.g. years ahead</source>
        <translation>按指定时间（ISO 8601）核验，例如若干年后</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a current revocation list of the CA (&apos;cert crl --out&apos;): refuse a certificate it revokes</source>
        <translation>CA 的现行吊销列表（&apos;cert crl --out&apos;）：拒绝其中吊销的证书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>add an archive timestamp to a dossier (maintenance)</source>
        <translation>为案卷加盖存档时间戳（维护）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write the refreshed dossier here instead of over the file</source>
        <translation>将续盖后的案卷写到此处，而不覆盖原文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>certificates for signing dossiers (security officer)</source>
        <translation>案卷签章证书（安全保密管理员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create a local CA (security officer)</source>
        <translation>创建本地证书机构（保密员）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>renew the revocation list (older name of &apos;cert crl&apos;)</source>
        <translation>更新证书吊销列表（“cert crl”的旧名称）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>issue a fresh revocation list (security officer)</source>
        <translation>签发新的证书吊销列表（保密员）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>also write the new revocation list (PEM) to this file, for verifiers</source>
        <translation>同时将新的吊销列表（PEM）写入此文件，供核验方使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make your signing keys and request certificates (clerk)</source>
        <translation>生成本人签名密钥并申请证书（记录员）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>issue a clerk&apos;s requested certificates (security officer)</source>
        <translation>签发记录员申请的证书（保密员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>clerks whose certificate request awaits you</source>
        <translation>列出待您签发证书的记录员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>install a licensed TrueType face for the dossier</source>
        <translation>为案卷安装已获授权的TrueType字体</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>face number inside a .ttc collection</source>
        <translation>.ttc 字体集中的字体序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import a signing certificate (PKCS#12)</source>
        <translation>导入签章证书（PKCS#12）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the clerk whose certificate it is</source>
        <translation>证书所属的记录员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write the CA certificate (PEM)</source>
        <translation>导出 CA 证书（PEM）</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="+68"/>
        <source>Created session {id} ({ref}), in draft.</source>
        <translation>已创建会审事项 {id}（{ref}），处于草稿状态。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sessions.</source>
        <translation>没有会审事项。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chair: {v}</source>
        <translation>主持人：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: {v}</source>
        <translation>表决规则：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Options: {v}</source>
        <translation>选项：{v}</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="+141"/>
        <location filename="../../app/cli/cmd_sessions.py" line="-2"/>
        <source>Item {n}: {text}</source>
        <translation>议题 {n}：{text}</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="+7"/>
        <source>Custodians: {v}</source>
        <translation>监督员：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision: {v}</source>
        <translation>决定：{v}</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../app/sessions/common.py" line="+42"/>
        <source>sealed</source>
        <translation>已密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>待提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session {id}, round {round}:</source>
        <translation>会审事项 {id}，第 {round} 轮：</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Revealed round {round}: {n} opinions opened.</source>
        <translation>第 {round} 轮已揭封：打开 {n} 份意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REJECTED envelope {e}: {problem}</source>
        <translation>已拒收密封意见 {e}：{problem}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your round key for session {id} was already released.</source>
        <translation>您在事项 {id} 中的轮次密钥已经释放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released your key for round {round} of session {id} to the chair.</source>
        <translation>已将您在事项 {id} 第 {round} 轮的密钥释放给主持人。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="-108"/>
        <source>No draft.</source>
        <translation>没有草稿。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft saved (only you can read it).</source>
        <translation>草稿已保存（仅本人可读）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give either --no-conflict or --conflict TEXT, not both.</source>
        <translation>请只给出 --no-conflict 或 --conflict 说明 之一。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="-156"/>
        <source>OVERDUE ({stage})</source>
        <translation>已超期（{stage}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DUE SOON</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Attendance quorum: {v}</source>
        <translation>出席法定人数规则：{v}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Options needing a written note: {v}</source>
        <translation>需填写说明的选项：{v}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>FLAG: the decision departs from the tally on item(s) {items} — reason: {v}</source>
        <translation>【标注】决定在议题 {items} 上与计票结果不一致 — 理由：{v}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>recusal requested</source>
        <translation>已申请回避</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LATE</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the key release of {who}.</source>
        <translation>等待 {who} 释放密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the envelope of {who}.</source>
        <translation>等待 {who} 提交密封意见。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receipt for {who}&apos;s envelope has not been sent (&apos;huishen export receipt&apos;).</source>
        <translation>尚未发出 {who} 意见封的回执（&apos;huishen export receipt&apos;）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(another workstation: by exchange file)</source>
        <translation>（其他工作站：通过交换文件）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deputy chair: {v} — ACTING CHAIR (the chair {chair} is recused)</source>
        <translation>副主持人：{v} — 代行主持人职责（主持人{chair}已回避）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deputy chair: {v}</source>
        <translation>副主持人：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the chair&apos;s recusal awaits the deputy chair&apos;s decision)</source>
        <translation>（主持人回避申请待副主持人决定）</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="+8"/>
        <source>Recusal requested for {department}; it takes effect when the chair approves it.</source>
        <translation>已为{department}提出回避申请，经主持人批准后生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sealed. This cannot be undone.</source>
        <translation>已密封。此操作不可撤销。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+64"/>
        <source>Commitment fingerprint: {v}</source>
        <translation>承诺指纹：{v}</translation>
    </message>
    <message>
        <location line="-58"/>
        <location filename="../../app/cli/cmd_recusal.py" line="+85"/>
        <location filename="../../app/deadlines.py" line="+54"/>
        <location filename="../../app/dossier/blocks.py" line="+112"/>
        <location filename="../../app/dossier/proofs.py" line="+89"/>
        <location filename="../../app/dossier/record.py" line="+121"/>
        <location filename="../../app/dossier/recount.py" line="+51"/>
        <location line="+33"/>
        <location filename="../../app/sessions/lifecycle.py" line="+130"/>
        <location filename="../../app/sessions/reading.py" line="+171"/>
        <location filename="../../app/sessions/tally_view.py" line="+71"/>
        <location line="+37"/>
        <source>chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who}: REJECTED ({problem})</source>
        <translation>{who}：已拒收（{problem}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Positions: {v}</source>
        <translation>  表态：{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Reasoning: {v}</source>
        <translation>  理由：{v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causes</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposition</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>You have not sealed an opinion in this session yet.</source>
        <translation>您尚未在本会审事项中密封意见。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The chair&apos;s position is sealed.</source>
        <translation>主持人表态已密封。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>passed: {option}</source>
        <translation>通过：{option}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no majority (未形成多数意见)</source>
        <translation>未形成多数意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>advisory (no binding count)</source>
        <translation>咨询性（不作表决计数）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tally of session {id}, round {round}, rule {rule} — {state}</source>
        <translation>会审事项 {id} 第 {round} 轮计票，规则 {rule} — {state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>final</source>
        <translation>最终结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>preliminary</source>
        <translation>初步结果</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(expected {e}, cast {c})</source>
        <translation>（应到 {e}，实投 {c}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Chair: {v}</source>
        <translation>  主持人：{v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  Dissent — {department} ({position}): {reasoning}</source>
        <translation>  不同意见 — {department}（{position}）：{reasoning}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note — {department} ({position}): {note}</source>
        <translation>说明 — {department}（{position}）：{note}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recused: {v}</source>
        <translation>回避：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Absent: {v}</source>
        <translation>缺席：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected envelopes: {v}</source>
        <translation>拒收的密封意见：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Near-duplicate opinions (意见高度雷同): {a} / {b}, {percent}%</source>
        <translation>意见高度雷同：{a} / {b}，{percent}%</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_recusal.py" line="-59"/>
        <source>Recusal requested; it takes effect when the deputy chair approves it.</source>
        <translation>已申请回避；经副主持人准予后生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recusal requested; it takes effect when the chair approves it.</source>
        <translation>已提出回避申请，经主持人批准后生效。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give either --approve or --refuse.</source>
        <translation>请给出 --approve 或 --refuse 其中之一。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give one of --department, --custodian or --chair.</source>
        <translation>请给出 --department、--custodian 或 --chair 之一。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recusal of the chair {name} approved: you act as chair of this session from now on.</source>
        <translation>已准予主持人{name}回避：自即日起由您代行本事项主持人职责。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recusal of the chair {name} refused; they remain the chair.</source>
        <translation>不予主持人{name}回避；其继续担任主持人。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>a custodian or the chair asks to be recused (reviewers: opinion seal --conflict)</source>
        <translation>监督员或主持人申请回避（评审人请用 opinion seal --conflict）</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Recusal of custodian {name} approved: they still release their key, and no longer read the content.</source>
        <translation>已准予监督员{name}回避：其仍须释放揭封密钥，但不能再阅读内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recusal of custodian {name} refused.</source>
        <translation>不予监督员{name}回避。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recusal of {department} refused; its reviewer must now seal an opinion.</source>
        <translation>不予{department}回避，其评审人须密封提交意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recusal of {department} approved; {substitute} seals in the department&apos;s place.</source>
        <translation>已准予{department}回避，由{substitute}代表该部门密封提交意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recusal of {department} approved; the department is excluded from the count.</source>
        <translation>已准予{department}回避，该部门不计入应到人数。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>awaiting decision</source>
        <translation>待决定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>approved</source>
        <translation>准予</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>refused</source>
        <translation>不予回避</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round {round} — {department} ({reviewer}): {state}</source>
        <translation>第{round}轮 — {department}（{reviewer}）：{state}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>; substitute {name}</source>
        <translation>；替代评审人 {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>; deputy chair {name} acts as chair</source>
        <translation>；由副主持人{name}代行主持人职责</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; reason: {reason}</source>
        <translation>；理由：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No recusal requests.</source>
        <translation>没有回避申请。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="+43"/>
        <source>review sessions</source>
        <translation>会审事项</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_recusal.py" line="+5"/>
        <source>recusal requests and the chair&apos;s decisions</source>
        <translation>回避申请及主持人决定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approve or refuse a recusal request (chair)</source>
        <translation>准予或不予回避（主持人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decide a custodian&apos;s request instead of a department&apos;s</source>
        <translation>对监督员（而非部门）的回避申请作出决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decide the chair&apos;s own request (the deputy chair)</source>
        <translation>决定主持人本人的回避申请（副主持人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a reviewer of the same department who seals in its place</source>
        <translation>代表该部门密封提交意见的同部门评审人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required when refusing</source>
        <translation>不予回避时必填</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>recusal requests of a session and their decisions</source>
        <translation>事项的回避申请及决定</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="+3"/>
        <source>create a session (chair)</source>
        <translation>创建会审事项（主持人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reference number (编号)</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非密, 秘密, 机密, 绝密 (optionally ★term)</source>
        <translation>非密、秘密、机密、绝密（可加 ★期限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>classification term, e.g. 1年</source>
        <translation>保密期限，例如 1年</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ISO 8601, e.g. 2026-12-01T17:00+08:00</source>
        <translation>ISO 8601 格式，例如 2026-12-01T17:00+08:00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an item (议题); repeatable</source>
        <translation>议题（可重复）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom options instead of the kind&apos;s</source>
        <translation>自定义选项（代替事项类型的选项）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a clerk who may read the session (need to know)</source>
        <translation>可阅读本事项的记录员（知悉范围）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an option that needs a written note (e.g. 其他); repeatable</source>
        <translation>需要填写说明的选项（如“其他”）；可重复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the chair&apos;s position is not a vote</source>
        <translation>主持人表态不计票</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>deputy chair: decides the chair&apos;s own recusal and then acts as chair (a chair with no other part)</source>
        <translation>副主持人：决定主持人本人的回避，准予后代行主持人职责（须为在本事项中无其他身份的主持人）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>attendance quorum over the original 应到 (default: more than half; case trial: two thirds)</source>
        <translation>出席法定人数，以原应到会人数计（默认过半数；案件审理为三分之二以上）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sessions you have a part in</source>
        <translation>您参与的会审事项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a session&apos;s particulars</source>
        <translation>会审事项详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the seal board (no content)</source>
        <translation>密封看板（不含内容）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>start collecting opinions (chair)</source>
        <translation>开始征集意见（主持人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session {id} is open for sealed opinions.</source>
        <translation>会审事项 {id} 已开始征集密封意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>close collection early with a quorum (chair)</source>
        <translation>达到法定人数后提前截止（主持人）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collection of session {id} closed.</source>
        <translation>会审事项 {id} 的意见征集已截止。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>withdraw a session (chair)</source>
        <translation>撤回会审事项（主持人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session {id} withdrawn.</source>
        <translation>会审事项 {id} 已撤回。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reveal (chair, once every custodian has released)</source>
        <translation>揭封（主持人，须每位监督人均已释放密钥）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>release your round key to the chair (custodian)</source>
        <translation>向主持人释放本人的轮次密钥（监督人）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open a new round (chair)</source>
        <translation>开启新一轮（主持人）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session {id}: round {result[round]} is open.</source>
        <translation>会审事项 {id}：第 {result[round]} 轮已开启。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="+21"/>
        <source>your department&apos;s opinion</source>
        <translation>本部门意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>save a private draft (or --show it)</source>
        <translation>保存个人草稿（或用 --show 查看）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>seal your opinion (irreversible)</source>
        <translation>密封意见（不可撤销）</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_exchange.py" line="+308"/>
        <location filename="../../app/cli/cmd_opinions.py" line="+2"/>
        <source>declare no conflict of interest</source>
        <translation>声明无利害关系</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_opinions.py" line="+1"/>
        <source>declare a conflict of interest and recuse</source>
        <translation>声明存在利害关系并回避</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your sealed opinion, or revealed ones</source>
        <translation>本人已密封的意见，或已揭封的意见</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the chair&apos;s position, after reveal</source>
        <translation>主持人表态（揭封后）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the tally of a revealed round</source>
        <translation>已揭封轮次的计票</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_sessions.py" line="+5"/>
        <source>record the decision (chair)</source>
        <translation>记录决定（主持人）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the option the decision adopts per item (default: what the rule passed, else your position)</source>
        <translation>决定对各议题采纳的选项（默认为按规则通过的选项，否则为您的表态）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>why the decision departs from the tally (required then; signed)</source>
        <translation>决定与计票结果不一致的理由（此时必填；随决定签名）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session {id} decided.</source>
        <translation>会审事项 {id} 已作出决定。</translation>
    </message>
    <message>
        <location filename="../../app/matters.py" line="+57"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown matter kind &apos;{kind}&apos;. Kinds: {names}, custom.</source>
        <translation>未知的事项类型“{kind}”。可用类型：{names}、custom。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown rule &apos;{rule}&apos;. Rules: {rules}.</source>
        <translation>未知的表决规则“{rule}”。可用规则：{rules}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown classification &apos;{c}&apos;. Levels: {levels}.</source>
        <translation>未知的密级“{c}”。可用密级：{levels}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{level} is not a classification level and takes no 保密期限 (given: {term}).</source>
        <translation>“{level}”不是密级，不设保密期限（填写了：{term}）。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Invalid 保密期限 &apos;{term}&apos; for {level}: {level} may be kept secret for at most {limit}年 (write e.g. 1年 or 6个月, from 1个月 to {limit}年){long}, or a declassification condition (解密条件：…).</source>
        <translation>保密期限“{term}”不符合{level}级的规定：{level}级保密期限最长为{limit}年（请填写如1年或6个月，范围1个月至{limit}年）{long}，或填写解密条件（解密条件：…）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, or 长期</source>
        <translation>，或长期</translation>
    </message>
    <message>
        <location filename="../../app/opinion_form.py" line="+90"/>
        <source>Reasoning is required: write why you hold this position.</source>
        <translation>理由为必填项：请写明持此意见的理由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reasoning is too short: {n} characters of text, at least {minimum} are required.</source>
        <translation>理由过短：实际文字 {n} 个字，至少需要 {minimum} 个字。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reasoning consists mostly of stock phrases (such as “同意”, “无意见”): state the facts and grounds in your own words.</source>
        <translation>理由基本由套话组成（如“同意”“无意见”）：请用自己的话写明事实和依据。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Item {item}: choose a position.</source>
        <translation>议题 {item}：请选择表态。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Item {item}: &apos;{position}&apos; is not one of the options ({options}).</source>
        <translation>议题 {item}：“{position}”不是可选项（{options}）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Item {item}: &apos;{position}&apos; needs a description of the position.</source>
        <translation>议题 {item}：选择“{position}”须说明具体意见。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Positions given for items that do not exist: {items}.</source>
        <translation>对不存在的议题作了表态：{items}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>The field is too long (at most {n} characters).</source>
        <translation>内容过长（最多 {n} 个字符）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Declare first whether you have a conflict of interest (recusal declaration is required).</source>
        <translation>请先声明是否存在利害关系（回避声明为必填项）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/sessions/custodian_recusal.py" line="+98"/>
        <location filename="../../app/sessions/deputy.py" line="+171"/>
        <source>Describe the conflict of interest in a few words.</source>
        <translation>请简要说明利害关系。</translation>
    </message>
    <message>
        <location filename="../../app/policy.py" line="+134"/>
        <source>The security policy set at audit entry {seq} was altered in the database; nothing was done. Tell the auditor (&apos;huishen audit verify&apos; shows the entry).</source>
        <translation>第 {seq} 条审计记录设定的安全策略在数据库中被改动；未执行任何操作。请告知审计员（“huishen audit verify”可显示该记录）。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Unknown policy &apos;{key}&apos;. Policies: {names}.</source>
        <translation>未知的策略“{key}”。可用策略：{names}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stock-phrase list must be a list of non-empty texts.</source>
        <translation>套话列表必须是非空文字的列表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{key} must be a whole number from {low} to {high}.</source>
        <translation>{key} 必须是 {low} 至 {high} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/chair.py" line="+41"/>
        <source>The chair states a position last: only after the opinions are revealed.</source>
        <translation>主持人末位表态：须在意见揭封之后。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chair&apos;s position in this round is already sealed; it cannot be changed.</source>
        <translation>主持人本轮表态已密封，不能更改。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Write the decision text.</source>
        <translation>请填写决定内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>State the chair&apos;s position (末位表态) before recording the decision.</source>
        <translation>请先完成主持人末位表态，再记录决定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A decision is already recorded.</source>
        <translation>已记录过决定。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/common.py" line="-2"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>collecting</source>
        <translation>征集中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revealed</source>
        <translation>已揭封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No session with id {id}.</source>
        <translation>没有编号为 {id} 的会审事项。</translation>
    </message>
    <message>
        <location filename="../../app/clearance.py" line="-13"/>
        <source>Unknown clearance level &apos;{level}&apos;. Levels: {levels}.</source>
        <translation>未知的涉密等级“{level}”。可选等级：{levels}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../app/registry_model.py" line="+67"/>
        <source>The audit log no longer verifies ({problem}); nothing was shown or changed. Tell the auditor.</source>
        <translation>审计日志核验不通过（{problem}）；未显示或更改任何内容。请告知安全审计员。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You cannot set your own clearance.</source>
        <translation>不能设定自己的涉密等级。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} holds a 三员 role and reads no session content; it needs no clearance.</source>
        <translation>{name}为“三员”角色，不阅读事项内容，无需设定涉密等级。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/common.py" line="+50"/>
        <source>The session has not been opened yet.</source>
        <translation>会审事项尚未开始征集。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not possible while the session is {status} (needs: {allowed}).</source>
        <translation>会审事项处于“{status}”状态，无法执行（需要：{allowed}）。</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../app/sessions/deputy.py" line="+4"/>
        <source>Only the chair of this session may do this.</source>
        <translation>只有本会审事项的主持人可以执行此操作。</translation>
    </message>
    <message>
        <location line="+47"/>
        <location filename="../../app/sessions/content.py" line="+192"/>
        <source>You have no part in this session.</source>
        <translation>您未参与本会审事项。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/keys.py" line="+47"/>
        <source>The reveal-key share of {name} does not open with their key.</source>
        <translation>{name} 的揭封密钥份额无法用其密钥打开。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The reveal-key shares do not fit together; the store may have been tampered with.</source>
        <translation>揭封密钥份额无法合成：存储库可能已被篡改。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/naming.py" line="-12"/>
        <source>No active account named {name} ({what}).</source>
        <translation>没有名为 {name} 的有效账户（{what}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} cannot be {what}: the account lacks that role.</source>
        <translation>{name} 不能担任{what}：该账户没有此角色。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/lifecycle.py" line="-60"/>
        <source>An option that needs a note must be one of the options: {unknown}.</source>
        <translation>需要填写说明的选项必须是可选意见之一：{unknown}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{kind} has fixed items ({items}); they cannot be replaced.</source>
        <translation>{kind}的议题是固定的（{items}），不能替换。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{kind} has fixed options for each item; they cannot be replaced.</source>
        <translation>{kind}每个议题的可选意见是固定的，不能替换。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A written reason is required (at least a few words).</source>
        <translation>须写明理由（至少几个字）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A custom matter needs its own options (--option).</source>
        <translation>自定义事项须给出选项（--option）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session needs at least two distinct options.</source>
        <translation>会审事项至少需要两个不同的选项。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The title must be 1 to 500 characters long.</source>
        <translation>标题须为 1 至 500 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reference number must be 1 to 100 characters long.</source>
        <translation>编号须为 1 至 100 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown quorum &apos;{q}&apos;. Quorums: {names}.</source>
        <translation>未知的出席法定人数规则“{q}”。可选：{names}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The deadline needs a time zone (e.g. 2026-12-01T17:00+08:00).</source>
        <translation>截止时间须带时区（例如 2026-12-01T17:00+08:00）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A session with reference number {ref} already exists.</source>
        <translation>编号为 {ref} 的会审事项已存在。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/naming.py" line="+13"/>
        <source>No department named {name}.</source>
        <translation>没有名为 {name} 的部门。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department {name} is listed twice.</source>
        <translation>部门 {name} 重复列出。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <source>reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Department {name} has {n} reviewers; name one as {name}=REVIEWER.</source>
        <translation>部门 {name} 有 {n} 名评审人；请用 {name}=评审人 指定一名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The accounts table does not place {name} in {department} as the signed log does (the database was altered); name the reviewer as {department}=REVIEWER, and tell the auditor.</source>
        <translation>账户表中 {name} 所在部门与签名日志记载的 {department} 不一致（数据库已被改动）；请以 {department}=评审人 的形式指定评审人，并告知审计员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The chair cannot also be a department&apos;s reviewer in the same session.</source>
        <translation>主持人不能同时担任本会审事项中某部门的评审人。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/lifecycle.py" line="+4"/>
        <source>A back-to-back review needs at least two departments.</source>
        <translation>背靠背会审至少需要两个部门。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A session needs at least {n} custodian(s) besides the chair to hold the reveal key, so that no single person can read early (security policy).</source>
        <translation>会审事项除主持人外至少须有 {n} 名监督人共同持有揭封密钥，任何一人都不能提前阅读（安全策略）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>deputy chair</source>
        <translation>副主持人</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} cannot be the deputy chair: the deputy chair has no other part in the session (not its chair, a reviewer, a custodian or a clerk of it).</source>
        <translation>{name}不能担任副主持人：副主持人在本事项中不得另有身份（不得为其主持人、评审人、监督员或记录员）。</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>A revealed session is withdrawn only where no majority formed; decide instead.</source>
        <translation>已揭封的事项仅在未形成多数意见时可以撤回（暂缓）；请作出决定。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_recusal.py" line="-39"/>
        <location filename="../../app/sessions/naming.py" line="+11"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location filename="../../app/sessions/naming.py" line="+2"/>
        <source>{name} cannot be a custodian and also chair or review.</source>
        <translation>{name} 不能在担任监督员的同时主持或评审。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/lifecycle.py" line="-172"/>
        <source>clerk</source>
        <translation>记录员</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The deadline has already passed; set a later deadline before opening.</source>
        <translation>截止时间已过；请先设置更晚的截止时间再开始征集。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No quorum: {sealed} of {expected} opinions are sealed; more than half are needed.</source>
        <translation>未达法定人数：{expected} 份意见中已密封 {sealed} 份，须超过半数。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/decision_basis.py" line="+64"/>
        <source>Item {item}: &apos;{option}&apos; is not an option of this session ({options}).</source>
        <translation>议题 {item}：“{option}”不是本事项的可选意见（{options}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The decision departs from the tally on item(s) {items}{split}: give a written reason (--reason) — it is signed with the decision and shown in the tally and the dossier.</source>
        <translation>决定在议题 {items} 上与计票结果不一致{split}：须写明书面理由（--reason），理由随决定签名，并在计票结果和案卷中标注。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (no majority formed)</source>
        <translation>（未形成多数意见）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The chair has already stated a position in this round; record the decision instead.</source>
        <translation>主持人本轮已表态，请记录决定。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/opinions.py" line="+53"/>
        <source>You are not a reviewer in this session.</source>
        <translation>您不是本会审事项的评审人。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Your draft does not open; it may have been tampered with.</source>
        <translation>您的草稿无法打开，可能已被篡改。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>An envelope your department did not seal is recorded in its place (planted in the database); nothing was sealed. Tell the auditor.</source>
        <translation>数据库中有一份并非本部门密封的意见占据了本部门的位置（被植入）；未密封任何内容。请告知安全审计员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>You were named as a substitute; if you have a conflict of interest too, tell the chair.</source>
        <translation>您被指定为替代评审人；如您也存在利益冲突，请告知主持人。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/envelope_file.py" line="+291"/>
        <source>A newer round of this session was sent to you; seal for that one.</source>
        <translation>已收到本会议更新一轮的会议包；请为该轮封存。</translation>
    </message>
    <message>
        <location line="-241"/>
        <location filename="../../app/sessions/opinions.py" line="+116"/>
        <location line="+15"/>
        <source>Your department has already sealed its opinion in this round; it cannot be changed.</source>
        <translation>您的部门本轮已封存意见，不可更改。</translation>
    </message>
    <message>
        <location line="+216"/>
        <location filename="../../app/exchange/key_release.py" line="+119"/>
        <source>The file belongs to another session ({got}); nothing was imported.</source>
        <translation>该文件属于另一会议（{got}）；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} is not the reviewer of that department in this session; nothing was imported.</source>
        <translation>{name} 不是本会议该部门的审核人；未导入任何内容。</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>That department has sealed in this round already; nothing was imported.</source>
        <translation>该部门本轮已封存；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/exchange/recusal_file.py" line="+165"/>
        <source>That department has answered in this round already; nothing was imported.</source>
        <translation>该部门本轮已作出答复；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/exchange/recusal_file.py" line="+3"/>
        <source>The round does not take this envelope; nothing was imported.</source>
        <translation>本轮不接受此意见封；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+5"/>
        <location filename="../../app/exchange/recusal_file.py" line="+6"/>
        <source>The envelope&apos;s signature does not hold; nothing was imported.</source>
        <translation>意见封的签名不成立；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/opinions.py" line="-93"/>
        <source>Fill in the opinion form before sealing.</source>
        <translation>请先填写意见表再密封。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Your recusal request awaits the chair&apos;s decision; nothing can be sealed until then.</source>
        <translation>您的回避申请正待主持人决定，在此之前不能密封提交任何意见。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chair refused your recusal; seal your department&apos;s opinion.</source>
        <translation>主持人不予回避，请密封提交本部门意见。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your recusal was approved: your department gives no opinion through you in this round.</source>
        <translation>您的回避申请已获准：本轮您所在部门不再由您发表意见。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Your sealed opinion in the store is not the one you sealed ({problem}); tell the auditor.</source>
        <translation>存储中您的密封意见不是您密封的那一份（{problem}）；请告知审计员。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/reveal.py" line="-20"/>
        <source>{name} is disabled (in the signed log) and cannot release a reveal-key share.</source>
        <translation>{name} 已被停用（见已签名日志），不能交出揭封密钥份额。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/custodian_recusal.py" line="+4"/>
        <location filename="../../app/sessions/reveal.py" line="+59"/>
        <source>You hold no reveal key of this session.</source>
        <translation>您不持有本事项的揭封密钥。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You have already released your key for round {round}; a recusal now would come after the fact.</source>
        <translation>您已释放第{round}轮的揭封密钥，此时申请回避已无实际意义。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/sessions/deputy.py" line="+14"/>
        <source>You have already asked to be recused in this round.</source>
        <translation>您本轮已经申请过回避。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../app/sessions/deputy.py" line="+26"/>
        <location filename="../../app/sessions/recusal_decisions.py" line="+134"/>
        <source>Refusing a recusal needs a written reason (at least a few words).</source>
        <translation>不予回避须写明理由（至少几个字）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../app/sessions/deputy.py" line="+13"/>
        <location filename="../../app/sessions/recusal_decisions.py" line="+17"/>
        <source>{name} has no recusal request awaiting a decision in round {round}.</source>
        <translation>第{round}轮{name}没有待决定的回避申请。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} has already released their key for this round.</source>
        <translation>{name}已释放本轮的揭封密钥。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/reveal.py" line="-84"/>
        <source>The chair&apos;s recusal awaits the deputy chair&apos;s decision; the round is revealed after it.</source>
        <translation>主持人的回避申请正待副主持人决定；决定后方可揭封本轮。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>You hold no reveal key of this round of the session.</source>
        <translation>您未持有本事项本轮的揭封密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This round of the session was opened before per-holder keys; reveal as before.</source>
        <translation>本事项的这一轮开启于分持密钥机制之前，请按原方式揭封。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chair of this session has no usable registered key; tell the security officer.</source>
        <translation>本事项的主持人没有可用的已登记密钥；请告知安全保密管理员。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Waiting for the release of: {names}. Each custodian signs in and releases their round key (揭封授权, or &apos;huishen session release {id}&apos;); then reveal.</source>
        <translation>正在等待以下人员释放密钥：{names}。请每位监督人登录并释放本人的轮次密钥（揭封授权，或“huishen session release {id}”），然后再揭封。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The innermost round key is not the chair&apos;s; tell the auditor.</source>
        <translation>最内层的轮次密钥不属于主持人；请告知审计员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The released round key of {name} is not the one {name} signed for you; tell the auditor.</source>
        <translation>{name} 释放的轮次密钥不是 {name} 签名交给您的那一份；请告知审计员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The released round key of {name} does not open; tell the auditor.</source>
        <translation>{name} 释放的轮次密钥无法打开；请告知审计员。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The reveal needs the passphrase of: {names}.</source>
        <translation>揭封需要以下人员的口令：{names}。</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>{name} holds no key for this reveal.</source>
        <translation>{name} 不持有本次揭示的密钥。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/views.py" line="+222"/>
        <source>The session has no such round.</source>
        <translation>会审事项没有该轮次。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/reading.py" line="-106"/>
        <source>Opinions stay sealed until the chair and custodians reveal them.</source>
        <translation>意见在主持人和监督员揭封之前保持密封。</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>No revealed opinion of {department} in round {round}.</source>
        <translation>第 {round} 轮没有 {department} 已揭封的意见。</translation>
    </message>
    <message>
        <location filename="../../app/certs.py" line="+111"/>
        <source>Give the organisation&apos;s name (1 to 64 characters).</source>
        <translation>请填写单位名称（1 至 64 个字符）。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>This key is not sealed to your identity; only its owner can use it.</source>
        <translation>该密钥未密封至您的身份密钥，只有其所有人才能使用。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Name the clerk the certificate is for (--for NAME).</source>
        <translation>请指明证书所属的记录员（--for 姓名）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The identity key of {name} is not in the store.</source>
        <translation>存储库中没有 {name} 的身份密钥。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PKCS#12 file does not open: wrong passphrase or not a PKCS#12 file.</source>
        <translation>PKCS#12 文件无法打开：口令错误或不是 PKCS#12 文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PKCS#12 file holds no signing certificate with its private key.</source>
        <translation>PKCS#12 文件中没有带私钥的签章证书。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signing key must be ECDSA P-256 (readers cannot check other kinds here).</source>
        <translation>签章密钥必须是 ECDSA P-256（阅读器无法核验其他类型）。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No certificate authority yet: the security officer runs &apos;huishen cert init-ca&apos;.</source>
        <translation>尚无证书颁发机构：请安全保密管理员运行“huishen cert init-ca”。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>You have no signing certificate: run &apos;huishen cert request&apos;, then the security officer runs &apos;huishen cert issue {name}&apos;.</source>
        <translation>您还没有签名证书：请运行“huishen cert request”，再由保密员运行“huishen cert issue {name}”。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/data.py" line="+103"/>
        <source>Only a decided session can be archived as a dossier (this one is {status}).</source>
        <translation>只有已作出决定的会审事项才能归档为案卷（此事项为“{status}”）。</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>The decision does not verify against the chair&apos;s signature; the store may have been tampered with.</source>
        <translation>决定与主持人的签名不符，存储库可能已被篡改。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/fonts.py" line="+57"/>
        <source>The dossier font {path} is missing; run &apos;make&apos; to set up Huishen again.</source>
        <translation>案卷字体 {path} 缺失：请运行“make”重新安装会审。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The dossier font {path} cannot be used ({error}).</source>
        <translation>案卷字体 {path} 无法使用（{error}）。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Unknown font role &apos;{role}&apos;. Roles: {roles}.</source>
        <translation>未知的字体用途“{role}”。可选：{roles}。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The installed {role} font was changed or removed since it was installed; reinstall it.</source>
        <translation>已安装的{role}字体在安装后被更改或删除，请重新安装。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/layout.py" line="+327"/>
        <source>The dossier font lacks characters {chars}; the export was stopped so that no character is lost.</source>
        <translation>案卷字体缺少字符 {chars}；为避免丢字，已停止导出。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_dossier.py" line="-221"/>
        <location filename="../../app/dossier/service.py" line="-100"/>
        <source>{path} already exists; choose another file name.</source>
        <translation>{path} 已存在，请另选文件名。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/service.py" line="+2"/>
        <source>The folder {path} does not exist.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>A --trust file is not a PEM certificate.</source>
        <translation>--trust 指定的文件不是 PEM 证书。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The dossier does not verify, so it is not refreshed: {reason}</source>
        <translation>案卷核验未通过，不予续盖时间戳：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/certs.py" line="-165"/>
        <source>A certificate key does not open; the store may have been tampered with.</source>
        <translation>证书密钥无法打开，存储库可能已被篡改。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/longterm.py" line="+58"/>
        <source>The CA that issued your timestamping certificate is not in the signed log.</source>
        <translation>签发您时间戳证书的证书机构不在已签名的留痕记录中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The revocation list has expired: the security officer runs &apos;huishen cert crl&apos; to issue a new one.</source>
        <translation>证书吊销列表已过期：请保密员运行“huishen cert crl”签发新的列表。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>You have no timestamping certificate: run &apos;huishen cert request&apos;, then the security officer runs &apos;huishen cert issue {name}&apos;.</source>
        <translation>您还没有时间戳证书：请运行“huishen cert request”，再由保密员运行“huishen cert issue {name}”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is not a signed dossier.</source>
        <translation>该文件不是已签名的案卷。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/dossier/verify.py" line="+76"/>
        <source>The file is not a readable signed PDF ({kind}).</source>
        <translation>该文件不是可读的已签名 PDF（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/verify.py" line="+47"/>
        <source>No trust root given: use --trust CA.pem (or verify on the workstation that made it).</source>
        <translation>未给出信任根：请使用 --trust CA.pem（或在生成该案卷的工作站上核验）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expected exactly one signature, found {n}.</source>
        <translation>应有且仅有一个签名，实际找到 {n} 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signature&apos;s timestamp lies after the verifying clock ({time}).</source>
        <translation>签名时间戳晚于核验时钟（{time}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The signature does not validate ({error}).</source>
        <translation>签名核验失败（{error}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signature does not match the content: the file was changed after signing.</source>
        <translation>签名与内容不符：文件在签名后被改动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signature intact and valid</source>
        <translation>签名完整有效</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The signature does not cover the entire file: something was appended after signing.</source>
        <translation>签名未覆盖整个文件：签名后有内容被追加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signature covers the entire file</source>
        <translation>签名覆盖整个文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signature covers the whole document; only validation data and archive timestamps follow</source>
        <translation>签名覆盖整个文档；其后仅有核验数据和存档时间戳</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signing certificate does not chain to the given trust roots.</source>
        <translation>签章证书无法链接到给定的信任根。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificate chains to a trust root</source>
        <translation>证书链可追溯至信任根</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The signature&apos;s timestamp does not validate.</source>
        <translation>签名时间戳核验未通过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signature timestamp valid: signed by {time} (UTC); certificates checked at that time</source>
        <translation>签名时间戳有效：签名不晚于 {time}（UTC）；证书按该时间核验</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An archive timestamp lies after the verifying clock.</source>
        <translation>存档时间戳晚于核验时钟。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An archive timestamp does not validate ({error}).</source>
        <translation>存档时间戳核验未通过（{error}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An archive timestamp does not validate.</source>
        <translation>存档时间戳核验未通过。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something other than validation data was added after an archive timestamp.</source>
        <translation>存档时间戳之后被追加了核验数据以外的内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} archive timestamp(s) valid; the latest was made {time} (UTC)</source>
        <translation>{n} 个存档时间戳有效；最新一个加盖于 {time}（UTC）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The latest archive timestamp&apos;s certificate expired on {date}: run &apos;huishen dossier refresh&apos;.</source>
        <translation>最新存档时间戳的证书已于 {date} 到期：请运行“huishen dossier refresh”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run &apos;huishen dossier refresh&apos; before {date}, when the latest archive timestamp&apos;s certificate expires.</source>
        <translation>请在 {date}（最新存档时间戳的证书到期）之前运行“huishen dossier refresh”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The verification manifest is missing.</source>
        <translation>缺少核验清单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>manifest present (session {ref})</source>
        <translation>核验清单完整（{ref}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n} opinions checked against their authors&apos; signed commitments; the file prints each</source>
        <translation>已按作者签名承诺核验 {n} 份意见，文件逐一载明原文</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The dossier&apos;s manifest is of an older format ({version}) that does not prove its text; it is not accepted (a dossier made by this version carries format {current}).</source>
        <translation>案卷核验清单为旧版格式（{version}），不能证明其文本，不予认可（本版本生成的案卷为格式 {current}）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The manifest is malformed (unexpected structure).</source>
        <translation>核验清单格式有误（结构不符）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the decision is signed by the chair who stated last; the file prints it</source>
        <translation>决定由末位表态的主持人签名，文件载明原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the decision is signed with another key of the chair ({fp})</source>
        <translation>决定由主持人的另一密钥（{fp}）签名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The decision is signed with a key other than the one that signed the chair&apos;s position; verify the dossier against the store that made it.</source>
        <translation>决定的签名密钥与主持人表态的签名密钥不同；请对照生成该案卷的存储库核验。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/verify_store.py" line="+45"/>
        <source>The decision in the dossier is not signed by a key the registry gives the chair.</source>
        <translation>案卷中的决定不是由登记在主持人名下的密钥签名的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the decision&apos;s signer is the chair by the signed registry</source>
        <translation>按已签名的登记记录，决定的签名人是主持人</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The dossier is not signed with a certificate the signed log issued to a clerk of this store.</source>
        <translation>案卷的签名证书不是本存储库留痕记录中签发给记录员的证书。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The log records no export of this file by {clerk}, whose certificate signed it.</source>
        <translation>留痕记录中没有签名证书持有人 {clerk} 导出该文件的记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>signed by clerk {clerk}, whose export of this file the log records</source>
        <translation>由记录员 {clerk} 签名，留痕记录载有其导出该文件的记录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The session&apos;s definition in the dossier (rule, items, people) differs from the store&apos;s.</source>
        <translation>案卷中的事项定义（表决规则、议题、人员）与存储库不一致。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The recusals the dossier counts in round {round} differ from the store&apos;s.</source>
        <translation>案卷计票所依据的第{round}轮回避情况与存储库不一致。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The similarity threshold the dossier&apos;s tally names ({percent} %) is not the one in force when it was exported ({store} %).</source>
        <translation>案卷计票所载的意见雷同判定阈值（{percent}%）与导出时施行的阈值（{store}%）不符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the session&apos;s definition, recusals and similarity threshold match the store</source>
        <translation>事项定义、回避情况及意见雷同判定阈值与存储库一致</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The dossier was made by another store ({store}).</source>
        <translation>该案卷由其他存储库生成（{store}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The store has no round {round} of session {session}.</source>
        <translation>存储库中没有会审事项 {session} 的第 {round} 轮。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sealed opinions listed in the dossier differ from those in the store.</source>
        <translation>案卷所列密封意见与存储库不一致。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signer fingerprint of {who} does not match the store.</source>
        <translation>{who} 的签名者指纹与存储库不一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} commitment and signer fingerprints match the store</source>
        <translation>{n} 份意见的承诺指纹和签名者指纹与存储库一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit entry {seq} in the dossier does not match the store.</source>
        <translation>案卷中第 {seq} 条留痕记录与存储库不一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit-chain head printed in the dossier does not match the store.</source>
        <translation>案卷所载留痕链头与存储库不一致。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The dossier&apos;s audit trail leaves out or adds entries the store records.</source>
        <translation>案卷的留痕记录与存储库所载条目不一致（有遗漏或增添）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit entries and chain head match the store</source>
        <translation>留痕记录和链头与存储库一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>The decision in the dossier does not match the store.</source>
        <translation>案卷中的决定与存储库不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>decision matches the store</source>
        <translation>决定与存储库一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the decision is sealed in the store for its readers; its signed record is checked below</source>
        <translation>决定在存储中已加密、仅供有权阅读者查看；下面核验其签名记录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the signing certificate was revoked on {date}, after the export the log records by the clerk while active</source>
        <translation>签名证书已于 {date} 吊销，在留痕记录所载该记录员在职期间的导出之后</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The store&apos;s audit chain is broken at entry {seq}.</source>
        <translation>存储库留痕链在第 {seq} 条断裂。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The store&apos;s signed facts do not verify: {problem}</source>
        <translation>存储中的签名事实核验不通过：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit chain of the store verifies ({n} entries)</source>
        <translation>存储库留痕链核验通过（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../app/dossier/verify.py" line="-66"/>
        <location line="+12"/>
        <location filename="../../app/dossier/verify_store.py" line="+4"/>
        <source>The manifest is malformed ({kind}).</source>
        <translation>核验清单格式错误（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../app/setup_wizard.py" line="+8"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Finish the earlier steps first.</source>
        <translation>请先完成前面的步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="+44"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Huishen</source>
        <translation>会审</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/backup_view.py" line="+182"/>
        <location filename="../../ui/common.py" line="+135"/>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common.py" line="+1"/>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common.py" line="+1"/>
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/backup_view.py" line="+2"/>
        <location line="+23"/>
        <location filename="../../ui/common.py" line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="+166"/>
        <source>Huishen — warning</source>
        <translation>会审 — 警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing in found problems with this store. Tell the auditor:</source>
        <translation>登录时发现本数据存储存在问题，请告知审计员：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Warning: the store has problems; see the message.</source>
        <translation>警告：数据存储存在问题，请查看提示。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Locked. Enter your passphrase to continue.</source>
        <translation>已锁定。请输入口令继续。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No display: the desktop window needs a graphical session (or run a command, see --help).</source>
        <translation>没有图形显示：桌面窗口需要图形会话（或运行命令，参见 --help）。</translation>
    </message>
    <message>
        <location filename="../../app/audit.py" line="+176"/>
        <source>entries {first} to {last} are missing: this account saw the log up to entry {last}</source>
        <translation>第 {first} 至 {last} 条记录缺失：本账户曾见到日志至第 {last} 条</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/registry.py" line="-62"/>
        <source>entry {seq} is not the one this account saw</source>
        <translation>第 {seq} 条记录与本账户曾见到的不一致</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>entry {seq}: the trust anchor of {name}&apos;s key slot had been removed (the slot file was altered)</source>
        <translation>第 {seq} 条记录：{name} 的密钥槽中的信任锚已被删除（密钥槽文件被改动）</translation>
    </message>
    <message>
        <location filename="../../app/facts_replay.py" line="+49"/>
        <source>it has no signed creation entry in the audit log (planted)</source>
        <translation>审计日志中没有其已签名的创建记录（被植入）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its definition (title, items, options, rule, people) differs from what the chair signed</source>
        <translation>其定义（标题、议题、选项、规则、人员）与主持人签名的不一致</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>entry {seq} opens round {round} out of order</source>
        <translation>第 {seq} 条记录开启第 {round} 轮的顺序不对</translation>
    </message>
    <message>
        <location filename="../../app/facts_rows.py" line="+132"/>
        <source>the reason round {round} was closed early differs from the signed one</source>
        <translation>第 {round} 轮提前截止的理由与签名记录不一致</translation>
    </message>
    <message>
        <location filename="../../app/facts_replay.py" line="+80"/>
        <source>the withdrawal reason differs from the signed one</source>
        <translation>撤回理由与签名记录不一致</translation>
    </message>
    <message>
        <location filename="../../app/facts_rows.py" line="-56"/>
        <source>entry {seq} ({action}) by {actor} is ignored: {why}</source>
        <translation>第 {seq} 条记录（{action}，{actor}）不予采信：{why}</translation>
    </message>
    <message>
        <location filename="../../app/facts_replay.py" line="-196"/>
        <source>this session&apos;s facts were signed from the start</source>
        <translation>本事项的事实自始即有签名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the session was re-anchored earlier</source>
        <translation>本事项此前已重新锚定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>its records are malformed ({what})</source>
        <translation>其记录格式不正确（{what}）</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>only this session&apos;s chair may do that</source>
        <translation>只有本事项的主持人可以这样做</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>entry {seq} ({action}) was made when the session was &apos;{status}&apos;</source>
        <translation>第 {seq} 条记录（{action}）产生时事项状态为“{status}”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the reviewer&apos;s own signed envelope does not hold</source>
        <translation>审核人本人签名的意见封不成立</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the account has no part in this session</source>
        <translation>该账户不是本事项的参与人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not every department had sealed or recused</source>
        <translation>并非所有部门都已密封意见或回避</translation>
    </message>
    <message>
        <location filename="../../app/facts_recusal.py" line="+77"/>
        <location filename="../../app/facts_replay.py" line="+13"/>
        <location line="+20"/>
        <source>the account holds no key of this session</source>
        <translation>该账户不持有本事项的密钥</translation>
    </message>
    <message>
        <location filename="../../app/facts_replay.py" line="+3"/>
        <source>a key release signed before the round was sealed</source>
        <translation>本轮密封之前签署的密钥释放</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>the custodian&apos;s own signed release does not hold</source>
        <translation>监督员本人签名的密钥释放不成立</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>the database holds a trigger or view this program did not make ({name})</source>
        <translation>数据库中有本程序未创建的触发器或视图（{name}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>round {round} is recorded twice (one is planted)</source>
        <translation>第 {round} 轮被记录了两次（其中一条被植入）</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>the reviewer&apos;s own signed recusal does not hold</source>
        <translation>评审人本人签名的回避申请不成立</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>the custodian&apos;s release is bound to another seal board</source>
        <translation>监督员释放的密钥绑定的是另一份密封看板</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>entry {seq} seals after a recusal refusal the chair never made</source>
        <translation>第{seq}条记录称主持人不予回避后提交意见，但主持人从未作出该决定</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>entry {seq}: {why}</source>
        <translation>第 {seq} 条留痕：{why}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>round {round} was revealed while the chair&apos;s recusal awaited the deputy&apos;s decision</source>
        <translation>第{round}轮在主持人回避申请待副主持人决定期间被揭封</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>round {round} was revealed without the release of: {names}</source>
        <translation>第 {round} 轮揭封时缺少以下人员的密钥释放：{names}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the decision was recorded before the chair stated a position</source>
        <translation>决定记录于主持人表态之前</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a withdrawal reason is recorded that the signed log does not contain</source>
        <translation>记录了已签名日志中没有的撤回理由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its status is &apos;{status}&apos; in the database, but the signed log says &apos;{signed}&apos;</source>
        <translation>数据库中的状态为“{status}”，而已签名日志记载为“{signed}”</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no recusal of the chair can be asked or decided here</source>
        <translation>此处不能申请或决定主持人回避</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only the chair asks for the chair&apos;s recusal, once a round</source>
        <translation>主持人回避只能由主持人本人申请，每轮一次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only the deputy chair named on the session decides the chair&apos;s recusal</source>
        <translation>主持人回避只能由本事项指定的副主持人决定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no recusal request of the chair awaits a decision in this round</source>
        <translation>本轮没有待决定的主持人回避申请</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a custodian had already released their key to the chair</source>
        <translation>已有监督员向主持人释放了密钥</translation>
    </message>
    <message>
        <location filename="../../app/facts_rows.py" line="+17"/>
        <source>its custodians include accounts that may not hold a reveal key: {names}</source>
        <translation>其监督人中有不得持有揭封密钥的账户：{names}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it names people for a part the signed log gives them no role for: {names}</source>
        <translation>其指定的人员中有签名日志未授予相应角色的账户：{names}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>its deputy chair {name} has another part in it or lacks the chair role</source>
        <translation>其副主持人{name}在本事项中另有身份或不具有主持人角色</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it has {n} custodian(s); the security policy asked for at least {min}</source>
        <translation>其监督人为 {n} 名；安全策略要求至少 {min} 名</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the reason round {round} was opened differs from the signed one</source>
        <translation>第 {round} 轮的开启理由与签名记录不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the reveal time of round {round} differs from the signed log</source>
        <translation>第 {round} 轮的揭封时间与签名日志不一致</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>round {round} recorded in entry {seq} is missing</source>
        <translation>第 {seq} 条记录所记的第 {round} 轮缺失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the reveal key or key shares of round {round} differ from what the chair signed</source>
        <translation>第 {round} 轮的揭封密钥或密钥份额与主持人签名的不一致</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the holder keys of round {round} differ from what the chair signed</source>
        <translation>第 {round} 轮的持钥人密钥与主持人签名的不一致</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>round {round} was opened with a single reveal key the chair made alone</source>
        <translation>第 {round} 轮只用主持人独自生成的一个揭封密钥开启</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the holders of round {round}&apos;s keys are not this session&apos;s chair and custodians</source>
        <translation>第 {round} 轮密钥的持有人不是本事项的主持人和监督人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the round key of {name} in round {round} was not issued by {name}</source>
        <translation>第 {round} 轮中 {name} 的轮次密钥并非 {name} 本人签发</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the one-time round key of {name} in round {round} is used by another round too</source>
        <translation>第 {round} 轮中 {name} 的一次性轮次密钥也被其他轮次使用</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>entry {seq} seals into a round that does not exist</source>
        <translation>第 {seq} 条记录密封到不存在的轮次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry {seq} seals an opinion when the session did not allow it</source>
        <translation>第 {seq} 条记录在事项不允许时密封了意见</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the department is not in the session</source>
        <translation>该部门不在本事项中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{actor} may not seal for {who}</source>
        <translation>{actor} 无权代 {who} 密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>the chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the sealed opinion of {who} in round {round} (entry {seq}) is missing</source>
        <translation>{who}第 {round} 轮的密封意见（第 {seq} 条记录）缺失</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the sealed opinion of {who} in round {round} was changed after sealing (entry {seq})</source>
        <translation>{who}第 {round} 轮的密封意见在密封后被改动（第 {seq} 条记录）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the recusal of entry {seq} is not by that department&apos;s reviewer</source>
        <translation>第 {seq} 条记录的回避声明并非该部门评审人所作</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the recusal of entry {seq} does not verify against its reviewer&apos;s signature</source>
        <translation>第 {seq} 条记录的回避声明与评审人签名不符</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the recusal declaration of entry {seq} is missing or was changed</source>
        <translation>第 {seq} 条记录的回避声明缺失或被改动</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+23"/>
        <source>the chair&apos;s stated position differs from what the chair signed</source>
        <translation>主持人表态内容与主持人签名的不一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an opinion of round {round} is marked rejected, but the reveal opened it</source>
        <translation>第 {round} 轮有一份意见被标为拒收，但揭封时已打开</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a revealed opinion of round {round} does not match its author&apos;s sealed commitment</source>
        <translation>第 {round} 轮有一份已揭封意见与其作者密封时的承诺值不符</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an opinion the reveal of round {round} opened is missing</source>
        <translation>第 {round} 轮揭封时打开的一份意见缺失</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the recorded decision is missing or differs from what the chair signed</source>
        <translation>所记决定缺失或与主持人签名的不一致</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the decision does not verify against the chair&apos;s signature</source>
        <translation>决定与主持人签名不符</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>round {round} is not in the signed log (planted)</source>
        <translation>第 {round} 轮不在已签名日志中（被植入）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an envelope in round {round} is not in the signed log (planted or replaced)</source>
        <translation>第 {round} 轮有一份密封意见不在已签名日志中（被植入或替换）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a recusal in round {round} is not in the signed log (planted or replaced)</source>
        <translation>第 {round} 轮有一份回避声明不在已签名日志中（被植入或替换）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a decision is recorded that the signed log does not contain</source>
        <translation>记录了已签名日志中没有的决定</translation>
    </message>
    <message>
        <location filename="../../app/facts.py" line="+21"/>
        <source>session {ref} (id {id}): {problem}</source>
        <translation>会审事项 {ref}（编号 {id}）：{problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>session id {id}: created in the signed log but missing from the database</source>
        <translation>会审事项编号 {id}：已签名日志中有创建记录，但数据库中缺失</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The record of session {ref} was altered in the database: {problem}. Nothing was shown or changed; tell the auditor.</source>
        <translation>会审事项 {ref} 的记录在数据库中被改动：{problem}。未显示或更改任何内容；请告知安全审计员。</translation>
    </message>
    <message>
        <location filename="../../app/trust.py" line="+36"/>
        <source>The trust anchor in the key slot of {name} does not open: the slot was replaced or damaged.</source>
        <translation>{name} 密钥槽中的信任锚无法打开：密钥槽被替换或损坏。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The audit log of this store does not verify ({problem}); it cannot be trusted. Tell the auditor.</source>
        <translation>本存储的审计日志核验不通过（{problem}），不可信任。请告知安全审计员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The trust anchor of {name}&apos;s key slot is missing, though this account had one: the key-slot file was altered, and entries this account saw may have been cut from the log. Tell the auditor.</source>
        <translation>{name} 的密钥槽原有信任锚，现已缺失：密钥槽文件被改动，本账户见过的记录可能已被从日志中删去。请告知审计员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Audit entries {first} to {last} are missing: this account saw the log up to entry {last}.</source>
        <translation>审计记录第 {first} 至 {last} 条缺失：本账户曾见到日志至第 {last} 条。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The audit log of this store does not start with the genesis entry {name}&apos;s key slot was made for: the log or the store was replaced. Tell the auditor.</source>
        <translation>本存储的审计日志并非始于 {name} 的密钥槽所锚定的创始记录：日志或存储已被替换。请告知安全审计员。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/holder_keys.py" line="+102"/>
        <source>Issue between 1 and 100 round keys at a time.</source>
        <translation>每次签发 1 至 100 个轮次密钥。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Custodian {name} works at another workstation and no unused round key of theirs was imported. Ask {name} for a key batch (&apos;huishen export key-batch&apos;) and import it; then open the round again.</source>
        <translation>监督员 {name} 在其他工作站，尚未导入其未使用的轮次密钥。请 {name} 导出密钥批次（&apos;huishen export key-batch&apos;）并导入；然后重新开启本轮。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Custodian {name} has no unused round key. {name} signs in once (or runs &apos;huishen keys issue&apos;) to issue a batch; then open the round again.</source>
        <translation>监督人 {name} 没有未用的轮次密钥。请 {name} 登录一次（或运行“huishen keys issue”）签发一批密钥，然后再开启本轮。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The round key of {name} does not open with their key; the store may have been tampered with.</source>
        <translation>{name} 的轮次密钥无法用其本人密钥打开；数据库可能已被篡改。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/content.py" line="+3"/>
        <source>Your recusal in this session took effect: you no longer read its content.</source>
        <translation>您在本事项中的回避已生效：您不再阅读其内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your account has no reader copy of this session&apos;s content yet. It is made when the chair or another participant next opens the session; try again afterwards.</source>
        <translation>您的账户尚无本事项内容的阅读副本。主持人或其他参与人下次打开本事项时会为您生成，请稍后再试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your copy of this session&apos;s content key does not open; tell the auditor.</source>
        <translation>您持有的本事项内容密钥副本无法打开；请告知审计员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your copy of this session&apos;s content key is not the one the chair made; tell the auditor.</source>
        <translation>您持有的本事项内容密钥副本不是主持人生成的密钥；请告知审计员。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stored content of this session does not open with its key ({what}); tell the auditor.</source>
        <translation>本事项存储的内容无法用其密钥打开（{what}）；请告知审计员。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>no content key</source>
        <translation>无内容密钥</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the stored content does not match the author&apos;s sealed commitment</source>
        <translation>存储的内容与作者密封时的承诺值不符</translation>
    </message>
    <message>
        <location filename="../../app/grants.py" line="-44"/>
        <source>The key of {name} was re-issued by the administrator and awaits the security officer&apos;s authorisation; ask the security officer to authorise it (fingerprint {fp}), then sign in again.</source>
        <translation>{name} 的密钥已由系统管理员重新签发，尚待安全保密管理员授权；请安全保密管理员授权（指纹 {fp}）后再登录。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The roles of {name} ({roles}) take effect once the security officer authorises them. First replace the passphrase the administrator gave you (修改本人口令 / &apos;huishen user passwd&apos;); until then this account can do nothing else.</source>
        <translation>{name} 的角色（{roles}）须经安全保密管理员授权后才生效。请先把系统管理员给的口令改为您自己的口令（修改本人口令 / “huishen user passwd”）；在此之前本账户不能做其他操作。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>You cannot authorise your own account.</source>
        <translation>不能授权本人账户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing of {name} awaits authorisation.</source>
        <translation>{name} 没有待授权的事项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} still has the passphrase the administrator gave; ask {name} to sign in and change it (修改本人口令, or &apos;huishen user passwd&apos;), then authorise.</source>
        <translation>{name} 仍在使用系统管理员给的口令；请 {name} 登录并修改口令（修改本人口令，或“huishen user passwd”）后再授权。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The fingerprint given is not that of {name}&apos;s key ({fp}); nothing was authorised.</source>
        <translation>所给指纹不是 {name} 的密钥指纹（{fp}）；未作任何授权。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/archive.py" line="+29"/>
        <source>Unknown retention period &apos;{value}&apos;. Use one of: {choices}.</source>
        <translation>未知的保管期限“{value}”。可选：{choices}。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/fontcheck.py" line="-50"/>
        <source>The font collection has no face number {n}.</source>
        <translation>该字体集中没有第 {n} 号字体。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The font has PostScript (CFF) outlines; install a TrueType (glyf) version.</source>
        <translation>该字体为PostScript（CFF）轮廓，请安装TrueType（glyf）版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>The file is not a TrueType font.</source>
        <translation>该文件不是TrueType字体。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The font&apos;s licence does not allow embedding a subset of it in a document (fsType {flags:#06x}).</source>
        <translation>该字体的许可不允许将其子集嵌入文档（fsType {flags:#06x}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The font cannot be used ({error}).</source>
        <translation>该字体无法使用（{error}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The font lacks {n} common characters (for example {chars}); the dossier needs them all.</source>
        <translation>该字体缺少 {n} 个常用字（如{chars}），案卷需要全部常用字。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/printing.py" line="+53"/>
        <source>Print between 1 and {n} copies.</source>
        <translation>打印份数应在 1 至 {n} 份之间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only an exported (archived) dossier can be printed.</source>
        <translation>只有已导出（已归档）的案卷才能打印。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The dossier&apos;s pages are not A4; it cannot be printed at 100 %.</source>
        <translation>案卷页面不是A4，无法按100%比例打印。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/proofs.py" line="+3"/>
        <source>The manifest carries no proof for the opinion of {who}.</source>
        <translation>核验清单中没有{who}意见的证明材料。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The envelope of {who} was sealed for another session or round.</source>
        <translation>{who}的密封意见是为其他会审事项或轮次密封的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The signer&apos;s keys of {who} do not match the printed fingerprint.</source>
        <translation>{who}签名者的公钥与所载指纹不符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The author&apos;s signature on the envelope of {who} does not verify.</source>
        <translation>{who}密封意见上的作者签名核验未通过。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The revealed opinion of {who} lacks its text or salt.</source>
        <translation>{who}的揭封意见缺少原文或承诺盐值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The opinion of {who} does not match its signed commitment.</source>
        <translation>{who}的意见与其签名承诺不符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file does not print the committed text of {who}.</source>
        <translation>文件未载明{who}所承诺的意见原文。</translation>
    </message>
    <message>
        <location filename="../../app/migrate.py" line="+114"/>
        <source>This store was written by a newer version of Huishen (schema {revision}); this version knows schemas up to {head} and cannot open it. Nothing was changed: install the newer version again.</source>
        <translation>此数据库由较新版本的会审写入（数据库结构 {revision}），本版本只识别到 {head}，无法打开。未作任何改动：请重新安装较新的版本。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The store could not be backed up before its upgrade ({error}); nothing was changed. Make room next to the store (its backups/ folder) and open it again.</source>
        <translation>升级前未能备份此数据库（{error}），未作任何改动。请在数据库所在位置（其 backups/ 文件夹）腾出空间后重新打开。</translation>
    </message>
    <message>
        <location filename="../../app/backup.py" line="+90"/>
        <source>The database fails its integrity check ({problem}); restore the store from a backup.</source>
        <translation>数据库未通过完整性检查（{problem}）；请从备份恢复存储库。</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+58"/>
        <source>{path} already exists; choose a new file name.</source>
        <translation>{path} 已存在；请另选文件名。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The backup written to {path} does not verify ({problem}); it was removed.</source>
        <translation>写入 {path} 的备份未通过验证（{problem}），已删除。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path} is not a valid Huishen backup: {why}.</source>
        <translation>{path} 不是有效的会审备份：{why}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The backup</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unexpected contents</source>
        <translation>内容不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>manifest too large</source>
        <translation>清单过大</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown format</source>
        <translation>格式未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the manifest is not in canonical form</source>
        <translation>清单不是规范格式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the manifest signature does not verify</source>
        <translation>清单签名验证失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} has the wrong size</source>
        <translation>{name} 的大小不符</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} was changed after the backup was signed</source>
        <translation>{name} 在备份签名之后被修改过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>damaged or not a backup</source>
        <translation>已损坏或不是备份文件</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The backup&apos;s database does not hold the audit head its manifest names.</source>
        <translation>备份中的数据库不包含其清单所载的审计日志末条。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{path} already exists and is not empty; restore into a new directory.</source>
        <translation>{path} 已存在且不为空；请恢复到一个新目录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/fsutil.py" line="+184"/>
        <source>The directory of {path} does not exist.</source>
        <translation>{path} 所在的目录不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key slots belong to another store</source>
        <translation>密钥槽属于另一个存储库</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it was not signed by a key registered in its own audit log</source>
        <translation>其签名密钥未在其自身的审计日志中登记</translation>
    </message>
    <message>
        <location filename="../../app/cli/bounds.py" line="+34"/>
        <source>The number given for {option} is out of range.</source>
        <translation>{option} 的数值超出范围。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{value}&apos; for {option}: the number before &apos;=&apos; must be 1 to {max} in digits 0-9.</source>
        <translation>{option} 的“{value}”：“=”前的编号必须是 1 到 {max} 之间、用数字 0-9 书写的数。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The date for {option} must lie between the years {first} and {last}.</source>
        <translation>{option} 的日期必须在 {first} 年到 {last} 年之间。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/fsutil.py" line="-198"/>
        <source>The disk is full ({path}); nothing was changed. Free some space and try again.</source>
        <translation>磁盘已满（{path}）；未作任何更改。请释放空间后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is on a read-only file system; nothing was changed.</source>
        <translation>{path} 位于只读文件系统上；未作任何更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Permission denied for {path}; nothing was changed. Check the file permissions.</source>
        <translation>无权访问 {path}；未作任何更改。请检查文件权限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input/output error on {path}: the disk may be failing. Copy the store to a safe place.</source>
        <translation>{path} 发生输入/输出错误：磁盘可能出现故障。请将存储库复制到安全位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is a directory, or a path through something that is not one.</source>
        <translation>{path} 是一个目录，或其路径中有不是目录的部分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot use {path}: {reason}.</source>
        <translation>无法使用 {path}：{reason}。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Another Huishen program is changing {path}; nothing was changed. Try again.</source>
        <translation>另一个会审程序正在修改 {path}；未作任何更改。请重试。</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+35"/>
        <source>{what} {path} is not a regular file; refused.</source>
        <translation>{what} {path} 不是普通文件；已拒绝。</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+12"/>
        <location line="+23"/>
        <source>{what} {path} is larger than {limit} bytes; refused.</source>
        <translation>{what} {path} 超过 {limit} 字节；已拒绝。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{path} is inside the store directory; write the file somewhere else.</source>
        <translation>{path} 位于存储库目录内；请将文件写到其他位置。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{path} is a directory; give a file name.</source>
        <translation>{path} 是一个目录；请给出文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is not a regular file (a device or a pipe); refused.</source>
        <translation>{path} 不是普通文件（设备或管道）；已拒绝。</translation>
    </message>
    <message>
        <location filename="../../app/recovery.py" line="+62"/>
        <source>account creation</source>
        <translation>账户创建</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>passphrase change</source>
        <translation>口令更改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>slot re-issue</source>
        <translation>密钥槽重新签发</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>An interrupted change of {name}&apos;s key slot ({op}) was completed.</source>
        <translation>{name} 的密钥槽中一次被中断的更改（{op}）已完成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The creation of account {name} was interrupted before it was recorded; it was undone. Add the account again.</source>
        <translation>账户 {name} 的创建在记录之前被中断，已撤销。请重新添加该账户。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An interrupted change of {name}&apos;s key slot ({op}) was not recorded; it was undone. Make the change again.</source>
        <translation>{name} 的密钥槽中一次被中断的更改（{op}）未被记录，已撤销。请重新进行该更改。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>An interrupted change of {name}&apos;s key slot ({op}) was not recorded, and the previous slot is damaged; ask the administrator to re-issue it.</source>
        <translation>{name} 的密钥槽中一次被中断的更改（{op}）未被记录，且原密钥槽已损坏；请管理员重新签发。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An interrupted change of {name}&apos;s key slot ({op}) was not recorded; the previous slot (and passphrase) is back. Make the change again.</source>
        <translation>{name} 的密钥槽中一次被中断的更改（{op}）未被记录；已恢复原密钥槽（及原口令）。请重新进行该更改。</translation>
    </message>
    <message>
        <location filename="../../app/cert_requests.py" line="+98"/>
        <source>You hold no local CA key here: create one with &apos;huishen cert init-ca&apos; (the security officer who made it).</source>
        <translation>您在本工作站没有本地证书机构的私钥：请用“huishen cert init-ca”创建（须由创建它的保密员操作）。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{name} has no pending certificate request: the clerk runs &apos;huishen cert request&apos; first.</source>
        <translation>{name} 没有待签发的证书申请：请记录员先运行“huishen cert request”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../app/certs.py" line="+76"/>
        <source>{name} is not an active clerk; only clerks sign dossiers.</source>
        <translation>{name} 不是在用的记录员；只有记录员才能签署案卷。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>The stored certificate request of {name} differs from the one signed; ask for a new one.</source>
        <translation>存储的 {name} 证书申请与其签名的申请不一致；请其重新申请。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>The certificate request of {name} is not signed by its key.</source>
        <translation>{name} 的证书申请未经其密钥签名。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/decision_proof.py" line="+99"/>
        <source>The manifest carries no signed decision.</source>
        <translation>核验清单中没有已签名的决定。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The decision was recorded before decisions carried a signature a dossier can show.</source>
        <translation>该决定的记录早于案卷可展示决定签名的版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The manifest&apos;s decision record is malformed.</source>
        <translation>核验清单中的决定记录格式有误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chair&apos;s signature on the decision does not verify.</source>
        <translation>主持人对决定的签名核验不通过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The decision was signed for another round.</source>
        <translation>该决定是针对另一轮次签名的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The decision is signed by someone other than the chair who stated last.</source>
        <translation>决定的签名人不是末位表态的主持人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file does not print the decision the chair signed (section 八 differs from the signed text).</source>
        <translation>文件所载决定与主持人签名的不一致（第八部分与签名文本不符）。</translation>
    </message>
    <message>
        <location filename="../../app/cli/cmd_exchange.py" line="-274"/>
        <source>File: {type}, id {file}, made {created}</source>
        <translation>文件：{type}，编号 {file}，生成于 {created}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From: {sender} ({fingerprint}), store {store}</source>
        <translation>发送方：{sender}（{fingerprint}），数据库 {store}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing it: {effect}</source>
        <translation>导入后：{effect}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was imported before; importing it again changes nothing.</source>
        <translation>此文件已导入过，再次导入不会改变任何内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It will be refused: {problem}</source>
        <translation>将被拒绝：{problem}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This result repeats the one imported before (file {file}); nothing was changed.</source>
        <translation>此结果与此前导入的结果相同（文件 {file}）；未作任何更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This {type} file was imported before; nothing was changed.</source>
        <translation>此 {type} 文件已导入过；未作任何改动。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered {name} ({fingerprint}) of another workstation; recorded in the audit log.</source>
        <translation>已登记其他工作站的{name}（{fingerprint}），并记入审计日志。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their files are accepted once the security officer authorises the registration.</source>
        <translation>安全保密管理员授权该登记后，方接受其文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported the reveal request {file} of {from} for round {round}; release your key with &apos;huishen export key-release {file}&apos;.</source>
        <translation>已导入 {from} 第 {round} 轮的揭封请求 {file}；请用 &apos;huishen export key-release {file}&apos; 释放您的密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported the session package {file} ({title}) for {department}, round {round}; seal with &apos;huishen export envelope {file} …&apos;.</source>
        <translation>已导入会议包 {file}（{title}），{department}，第 {round} 轮；请用 &apos;huishen export envelope {file} …&apos; 封存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported the recusal request of {from} ({department}) for round {round}; decide it with &apos;huishen recusal decide {session} --department {department} --approve|--refuse&apos;.</source>
        <translation>已导入 {from}（{department}）第 {round} 轮的回避申请；请用 &apos;huishen recusal decide {session} --department {department} --approve|--refuse&apos; 作出决定。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported the sealed envelope of {from} for round {round}; recorded in the audit log.</source>
        <translation>已导入 {from} 第 {round} 轮的意见封；已记入审计日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported the result of session {round}; your envelopes of rounds {rounds} are included unchanged.</source>
        <translation>已导入会议 {round} 的结果；您第 {rounds} 轮的意见封已原样包含。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported the chair&apos;s receipt for your envelope of round {round}.</source>
        <translation>已导入主持人对您第 {round} 轮意见封的回执。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported the key release of {member} for round {round}; recorded in the audit log.</source>
        <translation>已导入 {member} 第 {round} 轮的密钥释放；已记入审计日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported {keys} round keys from custodian {from}; recorded in the audit log.</source>
        <translation>已导入监督员{from}的 {keys} 个轮次密钥，并记入审计日志。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../ui/key_batch_dialog.py" line="+41"/>
        <source>{path} exists already; choose a new file name.</source>
        <translation>{path} 已存在；请选择新的文件名。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{type} file {file} for round {round} written to {out}.</source>
        <translation>第 {round} 轮的 {type} 文件 {file} 已写入 {out}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identity card of {name} written to {out}.</source>
        <translation>{name}的身份卡已写入 {out}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint (read it aloud to the other workstation&apos;s administrator): {fingerprint}</source>
        <translation>指纹（请向对方工作站的系统管理员宣读）：{fingerprint}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key batch of {keys} round keys written to {out}, sealed to the chairs named.</source>
        <translation>含 {keys} 个轮次密钥的密钥批次已写入 {out}，已加密给所列主持人。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name the session (a key release or an envelope: the imported file&apos;s id).</source>
        <translation>请指定会议（密钥释放或意见封：已导入文件的编号）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A recusal carries no opinion: give --recuse and --reason alone.</source>
        <translation>回避申请不含意见：只给出 --recuse 和 --reason。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Declare that you have no conflict of interest (--no-conflict) to seal.</source>
        <translation>封存前请声明无利益冲突（--no-conflict）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The session id must be a number.</source>
        <translation>会议编号必须是数字。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} ({roles}) of store {store}: {fingerprint}{revoked}</source>
        <translation>{name}（{roles}），数据库 {store}：{fingerprint}{revoked}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> — revoked</source>
        <translation> — 已撤销</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No identity of another workstation is registered.</source>
        <translation>尚未登记其他工作站的身份。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} ({fingerprint}) is trusted no more; recorded in the audit log.</source>
        <translation>{name}（{fingerprint}）已不再受信任，并记入审计日志。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} ({fingerprint}) is authorised; their files are accepted now.</source>
        <translation>{name}（{fingerprint}）已获授权，现接受其文件。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This identity is enrolled already, as {account}; nothing was changed.</source>
        <translation>该身份已登记为 {account}；未作任何更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enrolled {fingerprint} as the remote member {account} ({roles}); recorded in the audit log.</source>
        <translation>已将 {fingerprint} 登记为远程成员 {account}（{roles}）；已记入审计日志。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{ref} {title} (chair {chair}, session {session})</source>
        <translation>{ref} {title}（主持人 {chair}，会议 {session}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision: {text}</source>
        <translation>决定：{text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Round {round}: {outcome}</source>
        <translation>第 {round} 轮：{outcome}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No result of a session of another workstation was imported.</source>
        <translation>尚未导入其他工作站会议的结果。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{account} ({roles}) at store {store}: {fingerprint}{state}</source>
        <translation>{account}（{roles}），库 {store}：{fingerprint}{state}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> — disabled</source>
        <translation> — 已停用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No member of this store sits at another workstation.</source>
        <translation>本库没有位于其他工作站的成员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>identities of other workstations</source>
        <translation>其他工作站的身份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the identities of other workstations registered here</source>
        <translation>本处已登记的其他工作站身份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop trusting an identity of another workstation</source>
        <translation>停止信任其他工作站的某一身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>name or fingerprint</source>
        <translation>姓名或指纹</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>why (recorded in the audit log)</source>
        <translation>理由（记入审计日志）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>countersign a registered identity (security officer)</source>
        <translation>会签已登记的身份（安全保密管理员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>enrol a registered identity as a remote member</source>
        <translation>将已登记的身份登记为远程成员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the member&apos;s name on this workstation</source>
        <translation>该成员在本工作站的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>results of sessions of other workstations (read-only)</source>
        <translation>其他工作站会议的结果（只读）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the members of this store at other workstations</source>
        <translation>本库位于其他工作站的成员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import an exchange file from another workstation</source>
        <translation>导入来自其他工作站的交换文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the exchange file</source>
        <translation>交换文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an identity card&apos;s fingerprint, as its owner reads it out</source>
        <translation>身份卡的指纹，按持有人宣读的填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>say what the file is and would do; change nothing</source>
        <translation>说明文件内容及导入效果，不作任何改动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write an exchange file for another workstation</source>
        <translation>为其他工作站写出交换文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>what to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the session id (key release: the reveal request&apos;s file id)</source>
        <translation>会议编号（密钥释放：揭封请求的文件编号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file to write (must not exist)</source>
        <translation>要写入的文件（不得已存在）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a recipient: name or fingerprint (repeatable)</source>
        <translation>接收方：姓名或指纹（可重复）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how many round keys (key batch)</source>
        <translation>轮次密钥数量（密钥批次）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ask the chair for recusal instead of sealing an opinion</source>
        <translation>向主持人申请回避，而不密封意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the reason for the recusal (with --recuse)</source>
        <translation>回避理由（与 --recuse 一起使用）</translation>
    </message>
    <message>
        <location filename="../../app/exchange/batches.py" line="+36"/>
        <source>Name the chair to send the key batch to (--to).</source>
        <translation>请指定接收密钥批次的主持人（--to）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A key batch goes to one chair only: export one batch for each chair (--to once), so that no round key can be spent on two chairs&apos; rounds; nothing was written.</source>
        <translation>一个密钥批次只能发给一位主持人：请为每位主持人分别导出批次（--to 只写一次），以免同一轮次密钥用于两位主持人的轮次；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The key batch is addressed to several chairs, so its keys could be spent on two chairs&apos; rounds; ask the custodian for a batch for you alone. Nothing was imported.</source>
        <translation>该密钥批次发给了多位主持人，其密钥可能被用于两位主持人的轮次；请监督员单独为您导出批次。未导入任何内容。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name} is not registered as a custodian; their key batch is refused.</source>
        <translation>{name}未登记为监督员，其密钥批次被拒绝。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The key batch repeats round keys imported before; nothing was imported.</source>
        <translation>该密钥批次包含此前已导入的轮次密钥；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/cards.py" line="+63"/>
        <location filename="../../app/exchange/container.py" line="+105"/>
        <location filename="../../app/exchange/ledger.py" line="+147"/>
        <source>The file was altered or is incomplete; nothing was imported.</source>
        <translation>文件已被篡改或不完整；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This identity card is of this workstation&apos;s own store; nothing was imported.</source>
        <translation>此身份卡属于本工作站自身的数据库；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This identity was revoked on this workstation and cannot be registered again.</source>
        <translation>该身份已在本工作站撤销，不能再次登记。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An identity card is trusted only with its fingerprint confirmed: ask {name} to read out the fingerprint shown on their workstation, then give it with --fingerprint &quot;12345 67890 …&quot;. Nothing was imported.</source>
        <translation>身份卡须确认指纹后方可信任：请{name}宣读其工作站上显示的指纹，再以 --fingerprint &quot;12345 67890 …&quot; 给出。未导入任何内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The fingerprint you gave is not the card&apos;s: this card may not be {name}&apos;s. Nothing was imported.</source>
        <translation>您给出的指纹与身份卡不符：此卡可能不属于{name}。未导入任何内容。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Give the reason for the revocation (--reason).</source>
        <translation>请给出撤销理由（--reason）。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/container.py" line="+69"/>
        <source>The file is larger than the size limit; refused.</source>
        <translation>文件超过大小上限，已拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a Huishen exchange file; nothing was imported.</source>
        <translation>这不是会审系统的交换文件；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file has format version {version}, which this program does not know; update Huishen.</source>
        <translation>该文件的格式版本为 {version}，本程序无法识别；请升级会审系统。</translation>
    </message>
    <message>
        <location line="+43"/>
        <location filename="../../app/exchange/ledger.py" line="+8"/>
        <source>The file is not addressed to you (it cannot be opened with your key); nothing was imported.</source>
        <translation>该文件不是发给您的（无法用您的密钥打开）；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/ids.py" line="+65"/>
        <source>The file belongs to another session ({got}), not {expected}; nothing was imported.</source>
        <translation>该文件属于另一会审事项（{got}），而非 {expected}；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is of round {got}, older than the current round {expected}; nothing was imported.</source>
        <translation>该文件属于第 {got} 轮，早于当前的第 {expected} 轮；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is of round {got}, which has not been opened here; nothing was imported.</source>
        <translation>该文件属于第 {got} 轮，本处尚未开启该轮；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/imports.py" line="+48"/>
        <source>This program cannot import {type} files yet; nothing was imported.</source>
        <translation>本程序暂不能导入 {type} 类文件；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Registers {name} of another workstation as a trusted identity, once you confirm the fingerprint they read out to you.</source>
        <translation>在您确认对方宣读的指纹后，将其他工作站的{name}登记为可信身份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the chair {name}&apos;s reveal request (the signed seal board); then you may release your round key for it with &apos;huishen export key-release {id}&apos;.</source>
        <translation>记录主持人 {name} 的揭封请求（已签名的封存公告）；之后可用 &apos;huishen export key-release {id}&apos; 为其释放您的轮次密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the chair {name}&apos;s session package; then you seal your department&apos;s opinion for it with &apos;huishen export envelope {id}&apos;.</source>
        <translation>记录主持人 {name} 的会议包；之后用 &apos;huishen export envelope {id}&apos; 为其封存本部门意见。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the result of the session sent by the chair {name} (opinions, tallies, decision), once your own envelopes are found in it unchanged; shown read-only.</source>
        <translation>记录主持人 {name} 发送的会议结果（意见、计票、决定），前提是其中原样包含您的意见封；仅供查看。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records the chair {name}&apos;s acknowledgement of the envelope you sealed (proof of delivery).</source>
        <translation>记录主持人 {name} 对您所封存意见封的确认（送达证明）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the recusal request of reviewer {name} in the session&apos;s current round; you then approve or refuse it.</source>
        <translation>记录评审人 {name} 在本会议当前轮次的回避申请；随后由您批准或不予批准。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records the sealed opinion of reviewer {name} in the session&apos;s current round.</source>
        <translation>记录审核人 {name} 在本会议当前轮次的已封存意见。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the round key custodian {name} released to you, bound to the seal board you sent; the reveal can use it.</source>
        <translation>记录监督员 {name} 向您释放的轮次密钥（绑定于您发出的封存公告）；揭封时可使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records {count} one-time round keys of custodian {name} for the sessions you chair.</source>
        <translation>为您主持的会审事项记录监督员{name}的 {count} 个一次性轮次密钥。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/ledger.py" line="-122"/>
        <source>The exchange file</source>
        <translation>交换文件</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>The sender {name} ({fingerprint}) is not registered on this workstation; the administrator imports their identity card first. Nothing was imported.</source>
        <translation>发送方{name}（{fingerprint}）未在本工作站登记；请系统管理员先导入其身份卡。未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The identity of {name} ({fingerprint}) was revoked on this workstation; nothing was imported.</source>
        <translation>{name}（{fingerprint}）的身份已在本工作站撤销；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The registration of {name} ({fingerprint}) awaits the security officer&apos;s authorisation (&apos;huishen exchange authorise&apos;); nothing was imported.</source>
        <translation>{name}（{fingerprint}）的登记尚待安全保密管理员授权（&apos;huishen exchange authorise&apos;）；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file names its sender differently from the registered identity; nothing was imported.</source>
        <translation>文件所称发送方与已登记身份不符；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name} is not a registered identity of another workstation; import their identity card first.</source>
        <translation>{name}不是已登记的其他工作站身份；请先导入其身份卡。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Several registered identities are called {name}; give the fingerprint instead.</source>
        <translation>有多个已登记身份名为{name}，请改用指纹指定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The registration of {name} awaits the security officer&apos;s authorisation.</source>
        <translation>{name}的登记尚待安全保密管理员授权。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is not registered with the role this file needs ({role}).</source>
        <translation>{name}未以该文件所需的角色（{role}）登记。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/schema.py" line="+50"/>
        <source>The file is malformed ({what}); nothing was imported.</source>
        <translation>文件格式错误（{what}）；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/cli/record_lines.py" line="+15"/>
        <location filename="../../ui/record_widgets.py" line="+20"/>
        <source>Round {n} of {count} — the final round</source>
        <translation>第 {n} 轮（共 {count} 轮）— 最终轮</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/record_widgets.py" line="+2"/>
        <source>Round {n} of {count} — superseded</source>
        <translation>第 {n} 轮（共 {count} 轮）— 已被新一轮取代</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/record_widgets.py" line="+3"/>
        <source>Opened again because: {v}</source>
        <translation>另开本轮的理由：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/record_widgets.py" line="+2"/>
        <source>Closed early because: {v}</source>
        <translation>提前截止征集的理由：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/record_widgets.py" line="+2"/>
        <source>Superseded by a new round because: {v}</source>
        <translation>另开新一轮的理由：{v}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  Needed to pass: {n} votes</source>
        <translation>  通过所需票数：{n} 票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  Split, no majority formed: {v}</source>
        <translation>  意见分散，未形成多数意见：{v}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  Decision adopts: {v}</source>
        <translation>  决定采纳：{v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  FLAG: the decision departs from the tally — reason: {v}</source>
        <translation>  【标注】决定与计票结果不一致 — 理由：{v}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../ui/record_widgets.py" line="+4"/>
        <source>LATE seals (after the deadline): {v}</source>
        <translation>逾期密封（截止时间后）：{v}</translation>
    </message>
    <message>
        <location filename="../../app/deadlines.py" line="-16"/>
        <source>opinions not all sealed</source>
        <translation>意见未全部密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sealed, not revealed</source>
        <translation>已密封未揭封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revealed, not decided</source>
        <translation>已揭封未决定</translation>
    </message>
    <message>
        <location filename="../../app/facts_recusal.py" line="-33"/>
        <source>the recusal request is not by that department&apos;s reviewer</source>
        <translation>该回避申请不是该部门评审人提出的</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no recusal request of that department awaits a decision in this round</source>
        <translation>本轮该部门没有待决定的回避申请</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the recusal request was already decided</source>
        <translation>该回避申请已经作出决定</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the substitute is not a reviewer of that department</source>
        <translation>替代评审人不是该部门的评审人</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+11"/>
        <source>the custodian had already released their key</source>
        <translation>该监督员已释放其揭封密钥</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>no recusal request of that custodian awaits a decision in this round</source>
        <translation>本轮该监督员没有待决定的回避申请</translation>
    </message>
    <message>
        <location filename="../../app/quorum.py" line="+72"/>
        <location line="+25"/>
        <source>more than half</source>
        <translation>过半数</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+25"/>
        <source>at least two thirds</source>
        <translation>三分之二以上</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>应到 {original} = {departments} departments + {chair} chair; recused {recused}, so {expected} expected to vote; present {present}; quorum {required} ({rule} of the original 应到) — {state}.</source>
        <translation>应到会 {original} 人＝参会部门 {departments} 个＋主持人 {chair} 人；回避 {recused} 个，参加表决 {expected} 人；实到 {present} 人；出席法定人数 {required} 人（原应到会人数的{rule}）— {state}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>reached</source>
        <translation>已达到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOT reached</source>
        <translation>未达到</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No quorum: {present} of the original 应到 {original} attend (sealed opinions plus the chair); {required} are needed ({rule}). The round cannot be sealed; the chair may withdraw the session.</source>
        <translation>未达到出席法定人数：原应到会 {original} 人中实到 {present} 人（已密封意见加主持人），须达 {required} 人（{rule}）。本轮不能密封截止；主持人可撤回该事项。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/access.py" line="+109"/>
        <source>This session is classified {level}; your account is cleared for {clearance} only. Nothing was shown. The security officer sets clearance levels.</source>
        <translation>本事项密级为{level}，您的账户涉密等级仅为{clearance}，未显示任何内容。涉密等级由安全保密管理员设定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You are not assigned to this session (need to know); the chair names its clerks when creating it.</source>
        <translation>您未被指定参与本事项（知悉范围）；记录员由主持人在创建事项时指定。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your department&apos;s recusal in this session took effect: you no longer read its content (opinions, tally, decision, dossier).</source>
        <translation>您在本事项中的回避已生效：您不能再阅读其内容（意见、计票、决定、案卷）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A {level} session cannot include accounts cleared below it: {names}. The security officer sets clearance levels.</source>
        <translation>{level}事项不能包含密级低于该等级的账户：{names}。密级由安全保密管理员设定。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/recusal_decisions.py" line="-15"/>
        <source>A substitute is named only when the recusal is approved.</source>
        <translation>仅在准予回避时才能指定替代评审人。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Department {name} is not in this session.</source>
        <translation>部门{name}未参加本事项。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{name} is not an active reviewer.</source>
        <translation>{name}不是在用的评审人账户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The substitute must be a reviewer of the same department ({department}).</source>
        <translation>替代评审人须为同一部门（{department}）的评审人。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} already has a part in this session.</source>
        <translation>{name}已在本事项中担任其他角色。</translation>
    </message>
    <message>
        <location filename="../../ui/record_widgets.py" line="+12"/>
        <source>Needed to pass: {n} votes</source>
        <translation>通过所需票数：{n} 票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split, no majority formed: {v}</source>
        <translation>意见分散，未形成多数意见：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision adopts: {v}</source>
        <translation>决定采纳：{v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The decision departs from the tally — the chair&apos;s written reason: {v}</source>
        <translation>决定与计票结果不一致 — 主持人书面理由：{v}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No majority formed: the positions are a split, nobody is counted as dissenting</source>
        <translation>未形成多数意见：各方意见分散，不视为任何一方的不同意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dissent from the decision (recorded verbatim)</source>
        <translation>与决定不一致的意见（原文记录）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dissent (recorded verbatim)</source>
        <translation>不同意见（原文记录）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Item {n} — the decision adopts:</source>
        <translation>议题 {n} — 决定采纳：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for departing from the tally:</source>
        <translation>与计票结果不一致的理由：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The decision departs from the tally (or no majority formed) on item(s) {items}: a written reason is required; it is signed and shown in the tally and the dossier.</source>
        <translation>决定在议题 {items} 上与计票结果不一致（或未形成多数意见）：须写明书面理由，理由随决定签名，并在计票结果和案卷中标注。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The decision follows the tally.</source>
        <translation>决定与计票结果一致。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/blocks.py" line="-34"/>
        <source>The manifest carries no definition of this session.</source>
        <translation>核验清单未载明本事项的定义。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session&apos;s creation entry in the manifest is not the one its audit trail lists.</source>
        <translation>核验清单中的事项创建记录与其留痕记录所列不符。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The session&apos;s definition (rule, items, people) in the dossier is not proven by the chair&apos;s signature in the file; verify the dossier against the store that made it.</source>
        <translation>案卷中的事项定义（表决规则、议题、人员）无法由文件内主持人的签名证明；请在生成该案卷的存储库上核验。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Section 四, round {round}: the envelope printed for {who} was sealed by {author} of {other}.</source>
        <translation>第四部分第{round}轮：印为{who}的密封意见实由{other}的{author}密封。</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+48"/>
        <location line="+14"/>
        <source>Section {section} prints text after {what} that nobody signed.</source>
        <translation>第{section}部分在{what}之后印有无人签名的文字。</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Section {section} does not print {what} exactly as signed.</source>
        <translation>第{section}部分未按签名原文印出{what}。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+77"/>
        <source>The file does not print section {section}.</source>
        <translation>文件未印出第{section}部分。</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>the heading of round {round}</source>
        <translation>第{round}轮的标题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the notes of round {round}</source>
        <translation>第{round}轮的说明</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the block of {department} (round {round})</source>
        <translation>{department}的意见（第{round}轮）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>section 四 prints each department&apos;s block exactly as its author signed it, round by round</source>
        <translation>第四部分逐轮逐部门按作者签名的原文完整印出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sections 五 and 六 print exactly the tally and the dissent the committed positions give under the session&apos;s rule, round by round</source>
        <translation>第五、六部分逐轮完整印出按表决规则对已承诺意见计票所得的计票结果与不同意见，无增删改</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Section {section} prints text after its last signed line that nobody signed: “{printed}”.</source>
        <translation>第{section}部分在已签名的最后一行之后印有无人签名的文字：“{printed}”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Section {section} does not print what the signed record gives: it prints “{printed}” where the record gives “{expected}”.</source>
        <translation>第{section}部分所印与已签名的记录不符：此处印为“{printed}”，记录应为“{expected}”。</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+4"/>
        <source>the chair&apos;s position</source>
        <translation>主持人表态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>section 七 prints the chair&apos;s position exactly as signed</source>
        <translation>第七部分所印主持人表态与其签名原文一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the session&apos;s definition is checked against the store</source>
        <translation>事项定义将与存储库比对核验</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The manifest does not name the similarity threshold its tally was made under.</source>
        <translation>核验清单未载明其计票所依据的意见雷同判定阈值。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Section 五: the committed positions cannot be counted under the session&apos;s rule ({kind}).</source>
        <translation>第五部分：无法按表决规则对已承诺意见计票（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../app/dossier/revocation.py" line="+50"/>
        <source>A --crl file is not a certificate revocation list (PEM or DER).</source>
        <translation>--crl 文件不是证书吊销列表（PEM 或 DER）。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A revocation list given with --crl is not signed by the CA that issued the signing certificate.</source>
        <translation>以 --crl 提供的吊销列表并非由签发签名证书的CA签署。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The signing certificate was revoked on {date} (UTC), by the revocation list given with --crl. The signature&apos;s timestamp is the clerk&apos;s own, so it cannot show that the dossier was signed before that; verify it against the store, whose log records each export by an active clerk.</source>
        <translation>按以 --crl 提供的吊销列表，签名证书已于 {date}（UTC）吊销。签名时间戳出自记录员本人，不能证明案卷签于吊销之前；请在存储库上核验，其留痕记录载有在职记录员的每次导出。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>revocation checked against the revocation list issued {date} (UTC), given with --crl</source>
        <translation>吊销状态已按以 --crl 提供的吊销列表（{date}，UTC）核验</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file carries no revocation list of the CA: a revocation is not known to it; verify against the store or give a current list with --crl</source>
        <translation>文件未载有CA的证书吊销列表，无从知晓吊销情况；请在存储库上核验，或以 --crl 提供现行吊销列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>revocation checked only against the list the signer embedded, issued {date} (UTC): a revocation after that date is not known to the file; verify against the store or give a current list with --crl</source>
        <translation>吊销状态仅按签名者嵌入的吊销列表（{date}，UTC）核验：此后的吊销文件本身无从知晓；请在存储库上核验，或以 --crl 提供现行吊销列表</translation>
    </message>
    <message>
        <location filename="../../app/exchange/key_release.py" line="-69"/>
        <source>No reveal request {id} was imported by you; import the chair&apos;s file first.</source>
        <translation>您未导入揭封请求 {id}；请先导入主持人的文件。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This round key was released already for another seal board; it is never released for two. Nothing was written.</source>
        <translation>该轮次密钥已为另一封存公告释放，不会为两个公告释放。未写入任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The round key the request names is not yours.</source>
        <translation>请求所列的轮次密钥不属于您。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{name} holds no reveal key of this session; nothing was imported.</source>
        <translation>{name} 不持有本会议的揭封密钥；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} released this round&apos;s key before; nothing was imported.</source>
        <translation>{name} 此前已释放本轮密钥；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The release is of another round key than this round&apos;s; nothing was imported.</source>
        <translation>该释放的不是本轮的轮次密钥；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The round is not sealed; nothing was imported.</source>
        <translation>本轮尚未封存；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The release is bound to a seal board that is not the one recorded for this round; nothing was imported.</source>
        <translation>该释放所绑定的封存公告不是本轮记录的公告；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The released key does not open; nothing was imported.</source>
        <translation>释放的密钥无法打开；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/members.py" line="+5"/>
        <source>{name} is registered neither as a custodian nor as a reviewer; nothing was enrolled.</source>
        <translation>{name} 既未登记为监督员也未登记为审核人；未作登记。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An account named {name} exists already; enrol under another name (--as NAME).</source>
        <translation>已有名为 {name} 的账户；请以其他名称登记（--as 名称）。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/receipts.py" line="+68"/>
        <source>No envelope of a reviewer at another workstation was imported in this round.</source>
        <translation>本轮未导入其他工作站审核人的意见封。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The receipt acknowledges no envelope of yours.</source>
        <translation>该回执未确认您的意见封。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../app/exchange/result_package.py" line="+156"/>
        <source>{name} is not registered as a chair.</source>
        <translation>{name} 未登记为主持人。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The receipt acknowledges an envelope you did not seal for {round}; nothing was imported.</source>
        <translation>该回执确认的意见封并非您为 {round} 封存的；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/result_package.py" line="-94"/>
        <source>The result is sent once the decision is recorded.</source>
        <translation>记录决定后才发送结果。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No member of this session works at another workstation.</source>
        <translation>本会议没有位于其他工作站的成员。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>A different result of session {session} was imported before (file {file}); a session has one outcome, so this one is refused. Nothing was imported.</source>
        <translation>此前已导入会议 {session} 的另一份不同结果（文件 {file}）；一次会议只有一个结果，本文件被拒绝。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/reveal_request.py" line="+50"/>
        <source>No custodian at another workstation still has to release a key for this round.</source>
        <translation>本轮没有仍需释放密钥的其他工作站监督员。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>The reveal request names no round key of yours; nothing was imported.</source>
        <translation>该揭封请求未列出您的轮次密钥；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is not registered as a chair; their reveal request is refused.</source>
        <translation>{name} 未登记为主持人；其揭封请求被拒绝。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The reveal request names a round key you never sent to {name}; nothing was imported.</source>
        <translation>该揭封请求列出的轮次密钥并非您发给 {name} 的；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/session_package.py" line="+53"/>
        <source>No reviewer of this session works at another workstation; nothing was written.</source>
        <translation>本会议没有位于其他工作站的审核人；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The session package names no department of yours.</source>
        <translation>该会议包未列出您的部门。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is not registered as a chair; their session package is refused.</source>
        <translation>{name} 未登记为主持人；其会议包被拒绝。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The package is of round {got}, older than round {newest} imported before; nothing was imported.</source>
        <translation>该会议包属于第 {got} 轮，早于此前导入的第 {newest} 轮；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No session package {id} was imported by you; import the chair&apos;s file first.</source>
        <translation>您未导入会议包 {id}；请先导入主持人的文件。</translation>
    </message>
    <message>
        <location filename="../../app/facts_quorum.py" line="+95"/>
        <source>round sealed below quorum: {present} of the original 应到 {original} attended, {required} needed</source>
        <translation>轮次在未达法定出席人数时被封存：原应到 {original} 人中出席 {present} 人，须 {required} 人</translation>
    </message>
    <message>
        <location filename="../../app/kdf_upgrade.py" line="+85"/>
        <source>Your key slot could not be strengthened to the current key-derivation cost ({problem}); it still opens as before and will be strengthened at the next sign-in.</source>
        <translation>未能将您的密钥槽加强到当前的密钥派生强度（{problem}）；它仍可照常打开，将在下次登录时加强。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/deputy.py" line="-49"/>
        <source>This session names no deputy chair, who alone may decide the chair&apos;s recusal. Withdraw the session and create it again naming a deputy chair.</source>
        <translation>本事项未指定副主持人，而主持人的回避只能由副主持人决定。请撤回本事项，并在重新创建时指定副主持人。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your recusal was already approved; the deputy chair acts as chair.</source>
        <translation>您的回避已获准予；由副主持人代行主持人职责。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A custodian has already released their key to you for round {round}; a recusal now would come after the fact.</source>
        <translation>第{round}轮已有监督员向您释放揭封密钥；此时回避已属事后。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Only the deputy chair named on this session decides the chair&apos;s recusal.</source>
        <translation>只有本事项指定的副主持人可以决定主持人的回避。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The deputy chair must hold the chair role.</source>
        <translation>副主持人须具有主持人角色。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A custodian has already released their key to the chair for this round.</source>
        <translation>本轮已有监督员向主持人释放揭封密钥。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/recusal_file.py" line="-96"/>
        <source>State the reason for your recusal (at least a few words).</source>
        <translation>请写明回避理由（至少几个字）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your department has already answered in this round (an opinion or a recusal).</source>
        <translation>您的部门本轮已作出答复（意见或回避申请）。</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The recusal statement cannot be opened with your key; nothing was imported.</source>
        <translation>回避陈述无法用您的密钥打开；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/exchange/result_check.py" line="+92"/>
        <location line="+2"/>
        <source>The result&apos;s session definition is malformed; nothing was imported.</source>
        <translation>结果包中的会议定义格式有误；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your own copy of the envelope of round {round} cannot be read back here; nothing was imported.</source>
        <translation>本机无法读回您第{round}轮意见封的本人副本；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The opinions of round {round} are malformed; nothing was imported.</source>
        <translation>第{round}轮的意见格式有误；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The result does not show your envelope of round {round} as sealed (department {department}); nothing was imported.</source>
        <translation>结果包未按封存原样列出您第{round}轮的意见封（{department}）；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The result shows another opinion for your department in round {round} than the one you sealed; nothing was imported.</source>
        <translation>结果包所列您部门第{round}轮的意见与您封存的意见不同；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+32"/>
        <location line="+17"/>
        <source>The tally of round {round} does not match its opinions; nothing was imported.</source>
        <translation>第{round}轮的计票结果与所列意见不符；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The result&apos;s session definition differs from the session package you received; nothing was imported.</source>
        <translation>结果包中的会议定义与您收到的会议包不一致；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/remote_desk.py" line="+165"/>
        <source>Your copy of the sealed envelope does not open; tell the auditor.</source>
        <translation>您保存的意见封副本无法打开；请告知审计员。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your copy of the sealed envelope is not the one you sealed; tell the auditor.</source>
        <translation>您保存的意见封副本与您密封的不一致；请告知审计员。</translation>
    </message>
</context>
<context>
    <name>AccountsScreen</name>
    <message>
        <location filename="../../ui/admin_views.py" line="+289"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity fingerprint</source>
        <translation>身份指纹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add account…</source>
        <translation>添加账户(&amp;A)……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Disable / enable</source>
        <translation>停用/启用(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset &amp;passphrase…</source>
        <translation>重置口令(&amp;P)……</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awaiting the security officer</source>
        <translation>待安全保密管理员授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select an account in the table first.</source>
        <translation>请先在表格中选择一个账户。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reset passphrase</source>
        <translation>重置口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase for {name} (they get a new identity key; recorded):</source>
        <translation>{name} 的新口令（将生成新的身份密钥；操作留痕）：</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location line="-322"/>
        <location line="+31"/>
        <source>Actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Object: reference number or account</source>
        <translation>对象：编号或账户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify chain</source>
        <translation>核验留痕链(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Older entries</source>
        <translation>更早的记录(&amp;O)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Showing the newest {count} entries; older ones one page at a time.</source>
        <translation>显示最新的 {count} 条记录；更早的记录逐页加载。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing all {count} entries.</source>
        <translation>显示全部 {count} 条记录。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Verifying the audit chain…</source>
        <translation>正在核验留痕链……</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Chain verified: {n} entries, every hash and signature holds.</source>
        <translation>留痕链核验通过：共 {n} 条，所有哈希和签名均有效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chain BROKEN at entry {seq}: {problem}</source>
        <translation>留痕链在第 {seq} 条断裂：{problem}</translation>
    </message>
</context>
<context>
    <name>BackupScreen</name>
    <message>
        <location filename="../../ui/backup_view.py" line="-169"/>
        <source>This store has not been backed up yet.</source>
        <translation>本存储库尚未备份。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This store has never been backed up (it was created {days} days ago).</source>
        <translation>本存储库从未备份（创建于 {days} 天前）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last backup: {time} by {name} (today).</source>
        <translation>上次备份：{time}，由 {name} 完成（今天）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last backup: {time} by {name} ({days} days ago).</source>
        <translation>上次备份：{time}，由 {name} 完成（{days} 天前）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The security policy asks for a backup at least every {n} days.</source>
        <translation>安全策略要求至少每 {n} 天备份一次。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore a backup…</source>
        <translation>从备份恢复(&amp;R)……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A backup is one encrypted file: the database and the key slots, signed by you and verified after writing. Keep it outside this computer; it opens only with a passphrase of this store.</source>
        <translation>备份是一个加密文件：包含数据库和密钥槽，由您签名，写入后立即校验。请将其保存在本机以外；只有本存储库的口令才能打开。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+119"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Restoring makes a new store in an empty directory from a backup file, after checking its signature and integrity; this store is not changed. You sign in to the restored store with your passphrase as it was when the backup was made.</source>
        <translation>恢复会先校验备份文件的签名和完整性，再在一个空目录中建立新的存储库；当前存储库不受影响。登录恢复后的存储库时，请使用备份当时您的口令。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Back up the store to</source>
        <translation>将存储库备份到</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+40"/>
        <source>Huishen backups (*.huishen-backup)</source>
        <translation>会审备份文件 (*.huishen-backup)</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+20"/>
        <source>Writing and verifying the backup…</source>
        <translation>正在写入并校验备份…</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Backup written to {file} and verified (audit log up to entry {seq}).
SHA-256: {sha}</source>
        <translation>备份已写入 {file} 并通过校验（审计日志截至第 {seq} 条）。
SHA-256：{sha}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose the backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New store directory for the restored copy</source>
        <translation>恢复副本的新存储库目录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your passphrase ({name}) as it was when the backup was made:</source>
        <translation>备份当时您（{name}）的口令：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restored the backup of {time} into {store}; the restore is recorded in its audit log. To work in it, start Huishen with: huishen --store {store}</source>
        <translation>已将 {time} 的备份恢复到 {store}；恢复操作已记入其审计日志。如需在其中工作，请用以下命令启动会审：huishen --store {store}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning: {problem}</source>
        <translation>警告：{problem}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Verifying and restoring the backup…</source>
        <translation>正在校验并恢复备份…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Backup reminder</source>
        <translation>备份提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up the store now?</source>
        <translation>现在备份存储库吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Back up now…</source>
        <translation>立即备份……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The last backup is older than the security policy allows.</source>
        <translation>上次备份已超过安全策略规定的期限。</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/board_view.py" line="+43"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sealed at</source>
        <translation>密封时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open for opinions</source>
        <translation>开始征集意见(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close early…</source>
        <translation>提前截止(&amp;C)……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reveal…</source>
        <translation>揭封(&amp;R)……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)……</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;lease my reveal key</source>
        <translation>释放本人的揭封密钥(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seals your key for this round to the chair; only possible once every department has answered.</source>
        <translation>将您本轮的密钥加密交给主持人；须待所有部门均已作答后才能释放。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request recusal…</source>
        <translation>申请回避…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request my recusal as chair…</source>
        <translation>申请本人（主持人）回避…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approve the chair&apos;s recusal…</source>
        <translation>准予主持人回避…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse the chair&apos;s recusal…</source>
        <translation>不予主持人回避…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Draft: the board fills once the session is open.</source>
        <translation>草稿：开始征集后显示密封情况。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No round was opened in this session.</source>
        <translation>本会审事项未开启过任何轮次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sealed</source>
        <translation>已密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>待提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal requested</source>
        <translation>已申请回避</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} (substitute for {other})</source>
        <translation>{name}（代替{other}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Round {round}: {done} of {n} departments have answered.</source>
        <translation>第 {round} 轮：{n} 个部门中已有 {done} 个作出答复。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline has passed: OVERDUE.</source>
        <translation>已过截止时间：超期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sealed after the deadline (accepted, flagged late): {v}.</source>
        <translation>截止时间后密封（已接收，标注为逾期）：{v}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the envelope of {who}.</source>
        <translation>等待 {who} 提交密封意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt for {who}&apos;s envelope has not been sent.</source>
        <translation>尚未发出 {who} 意见封的回执。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the key release of {who}.</source>
        <translation>等待 {who} 释放密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (another workstation)</source>
        <translation>（其他工作站）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No custodian: the chair alone holds the reveal key (the security policy allows it).</source>
        <translation>无监督人：揭封密钥仅由主持人持有（安全策略允许）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deputy chair {deputy} acts as chair: the chair {chair} is recused.</source>
        <translation>副主持人{deputy}代行主持人职责：主持人{chair}已回避。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chair&apos;s recusal awaits the decision of the deputy chair {deputy}.</source>
        <translation>主持人回避申请待副主持人{deputy}决定。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Withdraw session</source>
        <translation>撤回会审事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason for withdrawing (recorded):</source>
        <translation>撤回理由（留痕）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Close collection early</source>
        <translation>提前截止征集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason (recorded; missing departments are marked absent):</source>
        <translation>理由（留痕；未提交的部门记为缺席）：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Request recusal</source>
        <translation>申请回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe the conflict of interest (the chair decides; you still release your key):</source>
        <translation>说明利害关系（由主持人决定；您仍须释放揭封密钥）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recusal requested; it takes effect when the chair approves it.</source>
        <translation>已提出回避申请，经主持人批准后生效。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Request my recusal as chair</source>
        <translation>申请本人（主持人）回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe the conflict of interest (the deputy chair decides, and then acts as chair):</source>
        <translation>请说明利益冲突情况（由副主持人决定，准予后由其代行主持人职责）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recusal requested; it takes effect when the deputy chair approves it.</source>
        <translation>已申请回避；经副主持人准予后生效。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reason (optional). Approving, you act as chair of this session from now on:</source>
        <translation>理由（可选）。准予后，您即代行本事项主持人职责：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the chair&apos;s recusal is refused (required):</source>
        <translation>不予主持人回避的理由（必填）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chair&apos;s statement: {statement}</source>
        <translation>主持人的陈述：{statement}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chair&apos;s recusal</source>
        <translation>主持人回避</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approved: you act as chair of this session; reopen it to chair it.</source>
        <translation>已准予：您代行本事项主持人职责；请重新打开事项进行主持。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {chair} remains the chair.</source>
        <translation>不予回避：{chair}继续担任主持人。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your key for this round was already released.</source>
        <translation>您本轮的密钥已经释放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your key for round {round} is released to the chair.</source>
        <translation>您第 {round} 轮的密钥已释放给主持人。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>acting chair</source>
        <translation>代行主持人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recused chair, releasing their layer of the key</source>
        <translation>已回避的主持人，仅释放其密钥分层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Revealing: verifying and opening every envelope…</source>
        <translation>正在揭封：逐一核验并打开密封意见……</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{n} envelope(s) failed verification and were excluded.</source>
        <translation>{n} 份密封意见核验未通过，已排除。</translation>
    </message>
</context>
<context>
    <name>CertificateRequestsBox</name>
    <message>
        <location filename="../../ui/cert_widgets.py" line="+118"/>
        <source>Clerks&apos; certificate requests</source>
        <translation>记录员的证书申请</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Issue the selected request…</source>
        <translation>签发所选申请(&amp;I)……</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} — request {digest}</source>
        <translation>{name}——申请 {digest}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No request awaits you.</source>
        <translation>没有待您签发的申请。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a request first.</source>
        <translation>请先选择一项申请。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Issue certificates</source>
        <translation>签发证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue a signing and a timestamping certificate to {name} for the keys of request {digest}? Dossiers they sign will carry the organisation&apos;s name. Compare the digest with the one the clerk reads from their screen.</source>
        <translation>为 {name} 申请 {digest} 中的密钥签发签名证书和时间戳证书？其签署的案卷将带有本单位名称。请与记录员从其屏幕上读出的摘要核对。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue to {name}</source>
        <translation>签发给 {name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Certificates issued to {name}.</source>
        <translation>已向 {name} 签发证书。</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="+27"/>
        <source>Change my passphrase</source>
        <translation>修改本人口令</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Current passphrase:</source>
        <translation>当前口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase:</source>
        <translation>新口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter your current passphrase.</source>
        <translation>请输入当前口令。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two new passphrases differ.</source>
        <translation>两次输入的新口令不一致。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking and changing the passphrase…</source>
        <translation>正在核验并修改口令……</translation>
    </message>
</context>
<context>
    <name>ClearanceScreen</name>
    <message>
        <location filename="../../ui/clearance_view.py" line="+34"/>
        <source>An account takes part in, and reads, only sessions classified at or below its clearance. An account never cleared may read 非密 sessions only. Each change is signed by you and recorded.</source>
        <translation>账户只能参加和阅读密级不高于其涉密等级的会审事项；未定级的账户只能阅读非密事项。每次变更均由您签名并记录在审计日志中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clearance</source>
        <translation>涉密等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Set clearance…</source>
        <translation>设定密级(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clearance level:</source>
        <translation>涉密等级：</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name} is already cleared for {level}.</source>
        <translation>{name}的涉密等级已是{level}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set clearance</source>
        <translation>设定涉密等级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear {name} for {level} (now {was})? Sessions classified above it can no longer include this account, and it can no longer read them. The change is signed by you and recorded.</source>
        <translation>将{name}的涉密等级设为{level}（现为{was}）？此后高于该密级的事项不能再包含此账户，此账户也不能再阅读这些事项。变更由您签名并记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set {level}</source>
        <translation>设为{level}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is now cleared for {level}.</source>
        <translation>{name}的涉密等级已设为{level}。</translation>
    </message>
</context>
<context>
    <name>DisableAccountDialog</name>
    <message>
        <location filename="../../ui/account_dialogs.py" line="+21"/>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Disable {name}? They can no longer sign in, seal, or release a reveal key; sessions that need them wait until the account is enabled again. The change is recorded in the audit log.</source>
        <translation>停用 {name}？停用后该账户不能登录、密封意见或释放揭示密钥；需要该账户的会审事项将等待其重新启用。此操作记入审计日志。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Reason (recorded in the audit log):</source>
        <translation>原因（记入审计日志）(&amp;R)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Disable {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../ui/dossier_view.py" line="+50"/>
        <source>Retention period (保管期限) recorded in the dossier</source>
        <translation>案卷记载的保管期限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pre&amp;view</source>
        <translation>预览(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export signed dossier…</source>
        <translation>导出签名案卷(&amp;E)……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting signs the dossier with this workstation&apos;s certificate and archives the session.</source>
        <translation>导出时将用本工作站证书对案卷签名，并将会审事项归档。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Retention:</source>
        <translation>保管期限：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Building the preview…</source>
        <translation>正在生成预览……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview — not archived. Exporting archives the session.</source>
        <translation>预览稿——未归档。导出将使会审事项归档。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export dossier</source>
        <translation>导出案卷</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export signed dossier</source>
        <translation>导出签名案卷</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export and sign the dossier to {file}?

The session is then archived: nothing in it can be changed any more. Use Preview to check the dossier first.</source>
        <translation>将案卷签名导出到 {file}？

导出后会审事项即归档，其中任何内容都不能再更改。可先用“预览”检查案卷。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export and archive</source>
        <translation>导出并归档</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Building and signing the dossier…</source>
        <translation>正在生成并签署案卷……</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Written {file} (copy {copy}), SHA-256 {sha}.</source>
        <translation>已写入 {file}（份号 {copy}），SHA-256 {sha}。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The dossier is printed on A4 paper only; choose A4 in the print dialog.</source>
        <translation>案卷只能用A4纸打印，请在打印对话框中选择A4。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Printed {n} copies, numbers {numbers}.</source>
        <translation>已打印 {n} 份，份号 {numbers}。</translation>
    </message>
</context>
<context>
    <name>ExchangeScreen</name>
    <message>
        <location filename="../../ui/exchange_desk.py" line="+56"/>
        <source>Sessions chaired at another workstation reach you as files on removable media: import each file, do your part here, and carry the file this screen writes back to the chair.</source>
        <translation>由其他工作站主持的会议，通过移动介质上的文件送达：逐一导入文件，在此完成您的工作，再把本页写出的文件带回主持人处。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import an exchange file…</source>
        <translation>导入交换文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+40"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <location line="+18"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open the opinion…</source>
        <translation>打开意见(&amp;O)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>My opinions for other workstations</source>
        <translation>本人为其他工作站会议提交的意见</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Envelopes sealed</source>
        <translation>已密封意见封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My round key</source>
        <translation>本人轮次密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a &amp;key batch…</source>
        <translation>写出密钥批次(&amp;K)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Release my round key…</source>
        <translation>释放本人轮次密钥(&amp;R)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My round keys for other workstations</source>
        <translation>本人为其他工作站保管的轮次密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View the result…</source>
        <translation>查看结果(&amp;V)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Results received</source>
        <translation>已收到的结果</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>to seal</source>
        <translation>待密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sealed, envelope file written; no receipt yet</source>
        <translation>已密封，意见封文件已写出；尚未收到回执</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sealed; the chair&apos;s receipt received</source>
        <translation>已密封；已收到主持人回执</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal requested, envelope file written; the chair decides</source>
        <translation>已申请回避，意见封文件已写出；由主持人决定</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No. {session} of workstation store {store}</source>
        <translation>工作站存储库 {store} 的第 {session} 号会议</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not released</source>
        <translation>未释放</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Release your round key for round {round} to the chair {chair}?

The key is sealed to the chair alone and bound to the seal board of this request: it opens this round&apos;s envelopes, and it is never released for another board.</source>
        <translation>向主持人 {chair} 释放您在第 {round} 轮的轮次密钥？

该密钥仅加密给主持人，并绑定于本请求的封存公告：它用于开启本轮的意见封，绝不会为另一份公告再次释放。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release round key</source>
        <translation>释放轮次密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release the key</source>
        <translation>释放密钥</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write the key release</source>
        <translation>写出密钥释放文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Releasing the key and writing the file…</source>
        <translation>正在释放密钥并写出文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your round key is written to {path}; carry it to the chair&apos;s workstation.</source>
        <translation>您的轮次密钥已写入 {path}；请将其带到主持人的工作站。</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <location filename="../../ui/exchange_export.py" line="+37"/>
        <source>E&amp;xport exchange file</source>
        <translation>导出交换文件(&amp;X)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Session package for the reviewers…</source>
        <translation>发给审核人的会议包…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt for the envelopes received…</source>
        <translation>已收意见封的回执…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reveal request for the custodians…</source>
        <translation>发给监督员的揭封请求…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result package for every member…</source>
        <translation>发给全体成员的结果包…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export exchange file</source>
        <translation>导出交换文件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{path} exists already; choose a new file name.</source>
        <translation>{path} 已存在；请选择新的文件名。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Written to {path} ({type}); carry it to the other workstation and import it there.</source>
        <translation>已写入 {path}（{type}）；请将其带到另一工作站并在那里导入。</translation>
    </message>
</context>
<context>
    <name>GrantsScreen</name>
    <message>
        <location filename="../../ui/grants_view.py" line="+33"/>
        <source>The administrator creates accounts; a role that reaches session content takes effect only when you authorise it here. Ask the person to sign in, change the passphrase the administrator gave them, and read their fingerprint aloud (我的账户); type it below, then authorise.</source>
        <translation>账户由系统管理员创建；能接触会审内容的角色须经您在此授权后才生效。请本人登录、修改系统管理员给的口令，并当面念出其指纹（我的账户）；在下方输入后再授权。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles asked for</source>
        <translation>申请的角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the fingerprint the person reads aloud</source>
        <translation>本人当面念出的指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Authorise…</source>
        <translation>授权(&amp;A)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fingerprint read aloud:</source>
        <translation>当面念出的指纹：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> (re-issued key)</source>
        <translation>（重新签发的密钥）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing awaits your authorisation.</source>
        <translation>没有待您授权的事项。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the fingerprint the person reads aloud first.</source>
        <translation>请先输入本人当面念出的指纹。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} must first change the passphrase the administrator gave (我的账户).</source>
        <translation>{name} 须先修改系统管理员给的口令（我的账户）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Authorise account</source>
        <translation>授权账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authorise {name} as {roles}? From then on this account can read the content of its sessions. The authorisation is signed by you and recorded in the audit log.</source>
        <translation>授权 {name} 担任 {roles}？此后该账户可以阅读其参与事项的内容。授权由您签名并记入审计日志。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorise {name}</source>
        <translation>授权 {name}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is authorised ({roles}).</source>
        <translation>已授权 {name}（{roles}）。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/home_view.py" line="+28"/>
        <source>To draft (my opinion)</source>
        <translation>待起草（本部门意见）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To seal (draft saved)</source>
        <translation>待密封（草稿已保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To open for opinions</source>
        <translation>待开启征求意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To reveal</source>
        <translation>待揭示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To state the chair&apos;s position</source>
        <translation>待主持人末位表态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To record the decision</source>
        <translation>待记录决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To release my reveal key (all sealed)</source>
        <translation>待释放揭示密钥（已全部密封）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To export the dossier</source>
        <translation>待导出案卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To decide the chair&apos;s own recusal (deputy chair)</source>
        <translation>待决定主持人本人的回避申请（副主持人）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reference number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+25"/>
        <source>{task}: {n}</source>
        <translation>{task}：{n}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>… and {n} more: open the session list (Enter) and filter it to find them</source>
        <translation>……另有 {n} 项：按回车打开会审事项列表，用筛选查找</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Waiting for you: {tasks}</source>
        <translation>待我处理：{tasks}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is waiting for you.</source>
        <translation>目前没有待您处理的事项。</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../ui/idle.py" line="+106"/>
        <source>Huishen — about to lock</source>
        <translation>会审 — 即将锁定</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No activity: Huishen locks in {n} s. Move the mouse or press a key to stay signed in. Drafts are saved and your windows reopen after you unlock.</source>
        <translation>长时间无操作：会审将在 {n} 秒后锁定。移动鼠标或按任意键可保持登录。草稿会自动保存，解锁后重新打开原窗口。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/exchange_dialog.py" line="+29"/>
        <location line="+17"/>
        <source>Import an exchange file</source>
        <translation>导入交换文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the fingerprint its owner reads out: 12345 67890 …</source>
        <translation>持有人宣读的指纹：12345 67890 …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What it is:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>发送方：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing it:</source>
        <translation>导入后：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint, as read aloud:</source>
        <translation>宣读的指纹：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>identity card</source>
        <translation>身份卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key batch (one-time round keys)</source>
        <translation>密钥批次（一次性轮次密钥）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session package (for your department&apos;s opinion)</source>
        <translation>会议包（供本部门提交意见）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>envelope file (a sealed opinion)</source>
        <translation>意见封文件（已密封的意见）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>receipt (the chair&apos;s acknowledgement of your envelope)</source>
        <translation>回执（主持人对您意见封的确认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reveal request (the signed seal board)</source>
        <translation>揭封请求（已签名的封存公告）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key release (a custodian&apos;s round key)</source>
        <translation>密钥释放（监督员的轮次密钥）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>result package (the session&apos;s outcome)</source>
        <translation>结果包（会议的结果）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Records the chair {name}&apos;s session package; then you open it under &apos;Other workstations&apos; and seal your department&apos;s opinion, which writes the envelope file for the chair.</source>
        <translation>记录主持人 {name} 的会议包；之后在“其他工作站”页打开它并密封本部门意见，同时写出交给主持人的意见封文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records the chair {name}&apos;s reveal request (the signed seal board); then you release your round key for it under &apos;Other workstations&apos;, which writes the key release for the chair.</source>
        <translation>记录主持人 {name} 的揭封请求（已签名的封存公告）；之后在“其他工作站”页为其释放您的轮次密钥，同时写出交给主持人的密钥释放文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>envelope file (a recusal request)</source>
        <translation>意见封文件（回避申请）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}, fingerprint {fingerprint}
workstation store {store}</source>
        <translation>{name}，指纹 {fingerprint}
工作站数据库 {store}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>It was imported before; importing it again changes nothing.</source>
        <translation>此文件已导入过，再次导入不会改变任何内容。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking and importing…</source>
        <translation>正在核验并导入…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It was imported before; nothing was changed.</source>
        <translation>此文件已导入过，未作任何改动。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported, and recorded in the signed audit log.</source>
        <translation>已导入，并记入签名审计日志。</translation>
    </message>
</context>
<context>
    <name>KeyBatchDialog</name>
    <message>
        <location filename="../../ui/key_batch_dialog.py" line="+19"/>
        <source>Key batch for chairs of other workstations</source>
        <translation>发给其他工作站主持人的密钥批次</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New one-time round keys are made here; only their public halves go into the file, sealed to the chairs you tick. The private halves never leave this workstation until you release one.</source>
        <translation>在本工作站生成新的一次性轮次密钥；文件中只含其公钥部分，并加密给您勾选的主持人。私钥部分在您释放之前绝不离开本工作站。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the key batch…</source>
        <translation>写出密钥批次…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For the chairs:</source>
        <translation>发给主持人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of keys:</source>
        <translation>密钥数量：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No chair of another workstation is registered here; the administrator imports their card.</source>
        <translation>本工作站尚未登记其他工作站的主持人；请管理员导入其身份卡。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tick at least one chair.</source>
        <translation>请至少勾选一名主持人。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the key batch</source>
        <translation>写出密钥批次</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Making the keys and writing the file…</source>
        <translation>正在生成密钥并写出文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{keys} round keys written to {path}; carry the file to the chairs&apos; workstations.</source>
        <translation>{keys} 个轮次密钥已写入 {path}；请将文件带到主持人的工作站。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="+19"/>
        <location line="+178"/>
        <source>administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>security officer</source>
        <translation>安全保密管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auditor</source>
        <translation>安全审计员</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+179"/>
        <source>chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clerk</source>
        <translation>记录员</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Majority of members expected</source>
        <translation>应到成员过半数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two-thirds of members expected</source>
        <translation>应到会成员三分之二多数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unanimity</source>
        <translation>全体一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisory (no binding count)</source>
        <translation>咨询性（不表决）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>account added</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles or key authorised</source>
        <translation>角色或密钥已授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clearance level set</source>
        <translation>设定涉密等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>access refused (need to know)</source>
        <translation>拒绝访问（知悉范围）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trust anchor set</source>
        <translation>设置信任锚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>account disabled</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>account enabled</source>
        <translation>启用账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passphrase changed</source>
        <translation>修改口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passphrase reset</source>
        <translation>重置口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup made</source>
        <translation>已备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificate imported</source>
        <translation>导入证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local CA created</source>
        <translation>创建本地 CA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clerk&apos;s certificates issued</source>
        <translation>签发记录员证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signing certificate requested</source>
        <translation>申请签名证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chair&apos;s position sealed</source>
        <translation>密封主持人表态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dossier exported</source>
        <translation>导出案卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dossier printed</source>
        <translation>打印案卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identity of another workstation authorised</source>
        <translation>其他工作站身份已授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>member at another workstation enrolled</source>
        <translation>已登记其他工作站的成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchange file exported</source>
        <translation>交换文件已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchange file imported</source>
        <translation>交换文件已导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identity of another workstation registered</source>
        <translation>其他工作站身份已登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identity of another workstation revoked</source>
        <translation>其他工作站身份已撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one-time keys issued</source>
        <translation>签发一次性密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opinions read</source>
        <translation>阅读意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal recorded</source>
        <translation>记录回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal decided by the chair</source>
        <translation>主持人作出回避决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the chair asked to be recused</source>
        <translation>主持人申请回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round key released by the recused chair</source>
        <translation>已回避的主持人释放本轮密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the chair&apos;s recusal decided by the deputy chair</source>
        <translation>副主持人对主持人回避作出决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opinion sealed</source>
        <translation>密封意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policy changed</source>
        <translation>修改安全策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reveal key released</source>
        <translation>释放揭示密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opinion sealed at another workstation</source>
        <translation>其他工作站已封存意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal requested at another workstation</source>
        <translation>在其他工作站申请回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reveal key released at another workstation</source>
        <translation>其他工作站的揭封密钥已释放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>collection closed early</source>
        <translation>提前截止收集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session created</source>
        <translation>创建会审事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision recorded</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session opened</source>
        <translation>开启会审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opinions revealed</source>
        <translation>揭示意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new round opened</source>
        <translation>开启新一轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all opinions sealed</source>
        <translation>全部意见已密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session withdrawn</source>
        <translation>撤回会审事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statistics read</source>
        <translation>查看统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>store created</source>
        <translation>创建数据存储</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>older store re-anchored</source>
        <translation>旧数据存储重新锚定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>store restored from a backup</source>
        <translation>已从备份恢复存储库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two-person grants in force</source>
        <translation>双人授权生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tally read</source>
        <translation>查看计票</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>minimum reasoning length</source>
        <translation>理由最少字数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stock phrases</source>
        <translation>套话词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near-duplicate threshold</source>
        <translation>雷同比例阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle lock minutes</source>
        <translation>空闲锁定分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum custodians per session</source>
        <translation>每个会审事项最少监督员人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum passphrase strength</source>
        <translation>口令最低强度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup reminder (days)</source>
        <translation>备份提醒（天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>key derivation cost</source>
        <translation>密钥派生强度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>security policy: {key}</source>
        <translation>安全策略：{key}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opened</source>
        <translation>已开启</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>验证未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>key holders</source>
        <translation>密钥持有人</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed attempts before</source>
        <translation>此前失败次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>digest</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recusal declaration</source>
        <translation>回避声明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>commitment</source>
        <translation>承诺值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit log up to entry</source>
        <translation>审计日志截至条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup SHA-256</source>
        <translation>备份文件 SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup&apos;s audit log up to entry</source>
        <translation>备份中审计日志截至条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup made by</source>
        <translation>备份人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>registers keys</source>
        <translation>登记密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deputy chair</source>
        <translation>副主持人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attendance quorum</source>
        <translation>出席法定人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>准予</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statement (sealed)</source>
        <translation>陈述（已加密）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custodians</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>definition digest</source>
        <translation>定义摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matter kind</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision rule</source>
        <translation>表决规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key holders&apos; keys</source>
        <translation>持有人密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>round key</source>
        <translation>本轮密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>envelope</source>
        <translation>密封件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anchored</source>
        <translation>锚定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>certificate subject</source>
        <translation>证书主体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA fingerprint</source>
        <translation>CA 指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>signing certificate fingerprint</source>
        <translation>签名证书指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rounds</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chain head</source>
        <translation>日志链头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>copy</source>
        <translation>份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired key</source>
        <translation>停用的密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sealed</source>
        <translation>已密封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed facts</source>
        <translation>签名事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>content key digest</source>
        <translation>内容密钥摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two-person grants</source>
        <translation>双人授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sessions held to attendance quorums</source>
        <translation>会商须达到出席法定人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>released to</source>
        <translation>释放给</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revealed contents</source>
        <translation>揭封内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trust anchor missing</source>
        <translation>信任锚缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change id</source>
        <translation>变更编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key holder</source>
        <translation>密钥持有人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signing request digest</source>
        <translation>签名证书申请摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timestamping request digest</source>
        <translation>时间戳证书申请摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>participant no.</source>
        <translation>参与人编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timestamping certificate fingerprint</source>
        <translation>时间戳证书指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA chain fingerprints</source>
        <translation>CA 证书链指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clearance level</source>
        <translation>涉密等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>previous level</source>
        <translation>原等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clerks</source>
        <translation>记录员</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>session {id}</source>
        <translation>会审事项 {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this store</source>
        <translation>本数据存储</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>more than half of the original 应到</source>
        <translation>原应到会人数的过半数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two thirds of the original 应到</source>
        <translation>原应到会人数的三分之二</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>custom options</source>
        <translation>自定义选项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+102"/>
        <source>Huishen — {name}</source>
        <translation>会审 — {name}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>My work</source>
        <translation>待我处理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions</source>
        <translation>会审事项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statistics</source>
        <translation>质效统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accounts</source>
        <translation>账户管理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Security policy</source>
        <translation>安全策略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authorisations</source>
        <translation>授权审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clearance levels</source>
        <translation>密级管理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Other workstations</source>
        <translation>其他工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My account</source>
        <translation>本人账户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as {name} ({roles}).</source>
        <translation>已登录：{name}（{roles}）。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Unsaved changes</source>
        <translation>尚未保存的修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some session windows have typed text that is not saved. Opinion drafts will be saved (encrypted); a chair&apos;s position or decision that is typed but not recorded will be lost.</source>
        <translation>部分会审窗口中有尚未保存的内容。意见草稿将加密保存；已输入但未记录的主持人表态或决定将会丢失。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save drafts and exit</source>
        <translation>保存草稿并退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>MyAccountScreen</name>
    <message>
        <location line="-223"/>
        <source>Change my &amp;passphrase…</source>
        <translation>修改本人口令(&amp;P)……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import an exchange file…</source>
        <translation>导入交换文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Account: {a}
Roles: {r}
Department: {d}
Identity fingerprint: {f}
Workstation fingerprint: {w}</source>
        <translation>账户：{a}
角色：{r}
部门：{d}
身份指纹：{f}
工作站指纹：{w}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Passphrase changed.</source>
        <translation>口令已修改。</translation>
    </message>
</context>
<context>
    <name>MyCertificateBox</name>
    <message>
        <location filename="../../ui/cert_widgets.py" line="-150"/>
        <source>My dossier-signing certificate</source>
        <translation>本人的案卷签名证书</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Issued to you: {subject}
Valid until {until}; fingerprint {fp}</source>
        <translation>已签发给您：{subject}
有效期至 {until}；指纹 {fp}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Requested: your keys are made and sealed to you. The security officer now issues the certificate. Request digest {digest}.</source>
        <translation>已申请：您的密钥已生成并密封至您本人。请保密员签发证书。申请摘要 {digest}。</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+41"/>
        <source>Request a signing &amp;certificate</source>
        <translation>申请签名证书(&amp;C)</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Request a new &amp;certificate…</source>
        <translation>重新申请证书(&amp;C)……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Request &amp;again…</source>
        <translation>重新申请(&amp;A)……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have no signing certificate yet: dossiers you export cannot be signed. Request one; the keys are made on this workstation and only your passphrase opens them.</source>
        <translation>您还没有签名证书，导出的案卷无法签名。请申请证书；密钥在本工作站生成，只有您的口令能打开。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Request a new certificate</source>
        <translation>重新申请证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new request makes new keys; the security officer must issue them before you can sign again with them. Make a new request?</source>
        <translation>重新申请会生成新密钥，须经保密员签发后才能用其签名。确定重新申请？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Making your keys…</source>
        <translation>正在生成您的密钥……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requested. The security officer now issues the certificate.</source>
        <translation>已申请，请保密员签发证书。</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../ui/admin_views.py" line="+9"/>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>security officer</source>
        <translation>安全保密管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auditor</source>
        <translation>安全审计员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clerk</source>
        <translation>记录员</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initial passphrase:</source>
        <translation>初始口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adding the account…</source>
        <translation>正在添加账户……</translation>
    </message>
</context>
<context>
    <name>OpinionEditor</name>
    <message>
        <location filename="../../ui/opinion_editor.py" line="+93"/>
        <source>1. Recusal declaration (回避声明) — required first</source>
        <translation>一、回避声明（须先填写）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have no conflict of interest in this matter</source>
        <translation>本人与本事项无利害关系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have a conflict of interest and recuse myself</source>
        <translation>本人与本事项存在利害关系，申请回避</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Describe the conflict (e.g. relationship with the person)</source>
        <translation>说明利害关系（如与被反映人的关系）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>2. Opinion</source>
        <translation>二、意见</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Item {n}: {text}</source>
        <translation>议题 {n}：{text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why you hold this position: facts, grounds, rules (required)</source>
        <translation>持此意见的理由：事实、依据、规定（必填）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reasoning:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Facts reviewed:</source>
        <translation>审查的事实：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causes found:</source>
        <translation>查明的原因：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed disposition:</source>
        <translation>处理建议：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed rectification:</source>
        <translation>整改建议：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save the encrypted draft (Ctrl+S); it is also saved automatically.</source>
        <translation>保存加密草稿（Ctrl+S）；系统也会自动保存。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Opinions can be sealed only while the session is collecting.</source>
        <translation>只有在征集意见期间才能密封意见。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your recusal request awaits the chair&apos;s decision; nothing can be sealed.</source>
        <translation>您的回避申请正待主持人决定，暂不能密封提交。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The chair approved your recusal; your department gives no opinion through you.</source>
        <translation>主持人已准予您回避，您所在部门不再由您发表意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} seals in your place.</source>
        <translation>由{name}代替您密封提交意见。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chair refused your recusal ({reason}). Seal your department&apos;s opinion.</source>
        <translation>主持人不予回避（{reason}），请密封提交本部门意见。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You seal for {department} in place of {name}, as the chair decided.</source>
        <translation>根据主持人决定，您代替{name}为{department}密封提交意见。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>&amp;Request recusal…</source>
        <translation>申请回避(&amp;R)……</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Request recusal for your conflict of interest? The chair decides: approves (possibly naming a substitute of your department) or refuses with a reason. The request cannot be withdrawn.</source>
        <translation>因利益冲突申请回避？由主持人决定：准予回避（可指定本部门的替代评审人）或说明理由不予回避。申请提出后不能撤回。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Recusal requested. It takes effect when the chair approves it; you will see the decision here.</source>
        <translation>已提出回避申请，经主持人批准后生效；决定结果将显示在此处。</translation>
    </message>
    <message>
        <location line="-242"/>
        <source>Save &amp;draft</source>
        <translation>保存草稿(&amp;D)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+140"/>
        <source>&amp;Seal…</source>
        <translation>密封(&amp;S)……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ Reasoning meets the requirements.</source>
        <translation>✓ 理由符合要求。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Draft saved automatically at {t}; only you can read it.</source>
        <translation>草稿已于 {t} 自动保存，仅本人可读。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft saved at {t}; only you can read it.</source>
        <translation>草稿已于 {t} 保存，仅本人可读。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Seal your department&apos;s opinion now?

Sealing cannot be undone: the opinion is encrypted and signed, nobody (you included) can change it, and nobody else can read it until the chair and custodians reveal all opinions together.</source>
        <translation>现在密封本部门意见？

密封不可撤销：意见将被加密并签名，任何人（包括您本人）都不能修改；在主持人和监督员统一揭封之前，其他任何人都无法阅读。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seal opinion</source>
        <translation>密封意见</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seal — cannot be undone</source>
        <translation>密封（不可撤销）</translation>
    </message>
</context>
<context>
    <name>OpinionText</name>
    <message>
        <location filename="../../ui/opinion_text.py" line="+53"/>
        <source>Item {n}: {text}</source>
        <translation>议题 {n}：{text}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reasoning</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facts reviewed</source>
        <translation>审查的事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causes found</source>
        <translation>查明的原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed disposition</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed rectification</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sealed — read-only</source>
        <translation>已密封 — 只读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed at: {t}</source>
        <translation>密封时间：{t}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment fingerprint: {f}</source>
        <translation>承诺指纹：{f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your identity fingerprint: {f}</source>
        <translation>您的身份指纹：{f}</translation>
    </message>
</context>
<context>
    <name>PolicyScreen</name>
    <message>
        <location filename="../../ui/policy_view.py" line="+87"/>
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Minimum reasoning length (characters):</source>
        <translation>理由最少字数：</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>&amp;Save policies</source>
        <translation>保存策略(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Policies</source>
        <translation>安全策略</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock after idle (minutes):</source>
        <translation>空闲自动锁定（分钟）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Near-duplicate threshold (%):</source>
        <translation>意见雷同阈值（%）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custodians besides the chair, at least:</source>
        <translation>除主持人外的监督人，至少：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase strength, at least (1–4):</source>
        <translation>口令强度，至少（1–4）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remind the administrator to back up after (days):</source>
        <translation>超过以下天数未备份时提醒管理员：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn of a deadline this many days ahead (0: no warning):</source>
        <translation>截止时间前提前预警天数（0 为不预警）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key-derivation cost of key slots (Scrypt N, 2^18 ≈ 1 s):</source>
        <translation>密钥槽的密钥派生强度（Scrypt N，2^18 约 1 秒）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock phrases (one per line):</source>
        <translation>套话列表（每行一条）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossier-signing certificates</source>
        <translation>案卷签名证书</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Organisation:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No certificate yet: dossiers cannot be signed until one is created.</source>
        <translation>尚无证书：创建证书之前，案卷无法签名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certificate authority</source>
        <translation>证书颁发机构（CA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timestamping certificate</source>
        <translation>时间戳证书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} ({holder}): {subject}
Valid until {until}; fingerprint {fp}</source>
        <translation>{kind}（{holder}）：{subject}
有效期至 {until}；指纹 {fp}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>A certificate authority already exists. Replacing it retires the current CA: clerks&apos; certificates must be issued again, and readers who verify dossiers must be given the new CA certificate. Replace it?</source>
        <translation>证书机构已存在。更换后当前证书机构停用：记录员的证书须重新签发，核验案卷的读者须获得新的证书机构证书。确定更换？</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CA created: {s}</source>
        <translation>已创建证书机构：{s}</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+46"/>
        <source>&amp;Create local CA</source>
        <translation>创建本地证书机构(&amp;C)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Replace the CA…</source>
        <translation>更换证书机构(&amp;R)……</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Give the organisation&apos;s name.</source>
        <translation>请填写单位名称。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replace the certificates</source>
        <translation>替换证书</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>PositionField</name>
    <message>
        <location filename="../../ui/position_field.py" line="+21"/>
        <source>— choose —</source>
        <translation>——请选择——</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write the position (required for this option)</source>
        <translation>填写具体意见（该选项必填）</translation>
    </message>
</context>
<context>
    <name>RecusalPanel</name>
    <message>
        <location filename="../../ui/recusal_panel.py" line="+74"/>
        <source>Recusal request: {department} ({reviewer})</source>
        <translation>回避申请：{department}（{reviewer}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statement: {text}</source>
        <translation>回避陈述：{text}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— no substitute (the department is recused) —</source>
        <translation>— 不指定替代评审人（该部门回避）—</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason (required when refusing)</source>
        <translation>理由（不予回避时必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>准予回避…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse…</source>
        <translation>不予回避…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>If approved, the custodian still releases their key at the reveal but no longer reads content.</source>
        <translation>如准予回避，监督员在揭封时仍须释放其密钥，但不能再阅读内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Substitute reviewer:</source>
        <translation>替代评审人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Write the reason for refusing first.</source>
        <translation>请先填写不予回避的理由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve the recusal of {department}? {substitute} then seals in the department&apos;s place.</source>
        <translation>准予{department}回避？由{substitute}代表该部门密封提交意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve the recusal of {department}? The department gives no opinion in this round.</source>
        <translation>准予{department}回避？该部门本轮不再发表意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse the recusal of {department}? Its reviewer must then seal an opinion.</source>
        <translation>不予{department}回避？其评审人须密封提交意见。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recusal decision</source>
        <translation>回避决定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The decision is signed by you and recorded; it cannot be changed.</source>
        <translation>该决定由您签名并记录，不能更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approve</source>
        <translation>准予回避</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refuse</source>
        <translation>不予回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Decision recorded for {department}.</source>
        <translation>已记录对{department}的回避决定。</translation>
    </message>
</context>
<context>
    <name>RemoteOpinionEditor</name>
    <message>
        <location filename="../../ui/remote_opinion.py" line="+40"/>
        <source>Your recusal request is written as the envelope file; the chair decides it at their workstation.</source>
        <translation>您的回避申请写入意见封文件；由主持人在其工作站作出决定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+45"/>
        <source>&amp;Seal and write the envelope file…</source>
        <translation>密封并写出意见封文件(&amp;S)…</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>You asked for recusal in this round by envelope file; the chair decides at their workstation. Nothing more can be sealed for this round here.</source>
        <translation>您已通过意见封文件申请本轮回避；由主持人在其工作站作出决定。本轮在此不能再密封任何内容。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This session is chaired at another workstation: your text is not kept as a draft here.</source>
        <translation>本会议由其他工作站主持：您填写的内容不会在此保存为草稿。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Request recusal and write the envelope file…</source>
        <translation>申请回避并写出意见封文件(&amp;R)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Request recusal for your conflict of interest and write it as an envelope file for the chair?

The statement is encrypted to the chair and signed by you; the chair decides: approves or refuses with a reason. It cannot be withdrawn, and no opinion can be sealed for this round afterwards.</source>
        <translation>因利益冲突申请回避，并写成交给主持人的意见封文件？

陈述仅对主持人加密并由您签名；由主持人决定：批准，或写明理由不予批准。申请不可撤回，此后本轮不能再密封意见。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request recusal</source>
        <translation>申请回避</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request — cannot be undone</source>
        <translation>申请——不可撤销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seal your department&apos;s opinion now and write it as an envelope file for the chair?

Sealing cannot be undone: the opinion is encrypted to the chair and the round&apos;s key holders and signed; nobody (you included) can change it. You carry the file to the chair&apos;s workstation, but cannot read it yourself.</source>
        <translation>现在密封本部门意见，并写出交给主持人的意见封文件？

密封不可撤销：意见将加密给主持人和本轮密钥保管人并签名，任何人（包括您）都不能更改。文件由您带到主持人的工作站，但您本人无法读取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seal opinion</source>
        <translation>密封意见</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seal — cannot be undone</source>
        <translation>密封（不可撤销）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the envelope file</source>
        <translation>写出意见封文件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sealing and writing the envelope file…</source>
        <translation>正在密封并写出意见封文件…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{path} exists already; choose a new file name.</source>
        <translation>{path} 已存在；请选择新的文件名。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sealed. The envelope file is written to {path}: carry it to the chair&apos;s workstation.</source>
        <translation>已密封。意见封文件已写入 {path}：请将其带到主持人的工作站。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recusal requested. The envelope file is written to {path}: carry it to the chair&apos;s workstation, where the chair decides.</source>
        <translation>已申请回避。意见封文件已写入 {path}：请带到主持人的工作站，由主持人决定。</translation>
    </message>
</context>
<context>
    <name>RemoteSessionDialog</name>
    <message>
        <location line="+21"/>
        <source>Session of another workstation — {ref}</source>
        <translation>其他工作站的会议 — {ref}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Matter:</source>
        <translation>事项：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{department}, round {round}; chair {chair} (at another workstation)</source>
        <translation>{department}，第 {round} 轮；主持人 {chair}（在其他工作站）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You seal for:</source>
        <translation>您代表：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline:</source>
        <translation>截止时间：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Close without sealing</source>
        <translation>不密封就关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The opinion you typed is not kept at this workstation: closing now loses it. Close anyway?</source>
        <translation>您填写的意见不会在本工作站保存：现在关闭将丢失这些内容。仍要关闭吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close and lose the text</source>
        <translation>关闭并丢弃内容</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/remote_result.py" line="+32"/>
        <source>Result of a session of another workstation — {ref}</source>
        <translation>其他工作站会议的结果 — {ref}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Chaired by {chair} at another workstation; read-only.</source>
        <translation>由 {chair} 在其他工作站主持；只读。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ Your sealed envelope was found in the result unchanged, and the opinion printed for it is the one you sealed (rounds {rounds}).</source>
        <translation>✓ 您密封的意见封已原样包含在结果中，结果所载的对应意见与您密封的一致（第 {rounds} 轮）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✗ Round {round}: the opinion printed beside your envelope is not the one you sealed; do not rely on this result and tell the auditor.</source>
        <translation>✗ 第 {round} 轮：结果中与您意见封对应的意见并非您密封的内容；请勿采信该结果，并告知审计员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You sealed no envelope in this session at this workstation; nothing of yours was checked.</source>
        <translation>您未在本工作站为该会议密封意见封；没有需要核对的本人意见。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded by {by} at {t}, after round {round}.</source>
        <translation>由 {by} 于 {t} 在第 {round} 轮后记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No decision is recorded.</source>
        <translation>尚未记录决定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The chair store&apos;s signed log ended at entry {seq} ({hash}) when the result was sent.</source>
        <translation>发送结果时，主持人存储库的签名日志止于第 {seq} 条（{hash}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Passed: {option}</source>
        <translation>通过：{option}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No majority (未形成多数意见)</source>
        <translation>未形成多数意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisory: no binding count</source>
        <translation>咨询性：不作表决计数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round {round}</source>
        <translation>第 {round} 轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+29"/>
        <source>Item {n}: {text}</source>
        <translation>议题 {n}：{text}</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>{counts} — expected {e}, cast {c}.</source>
        <translation>{counts} — 应到 {e}，实投 {c}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chair&apos;s position: {position}</source>
        <translation>主持人表态：{position}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opinions revealed</source>
        <translation>已揭封的意见</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chair {name} (position)</source>
        <translation>主持人 {name}（表态）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{department} — {name}</source>
        <translation>{department} — {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not counted: {problem}</source>
        <translation>不计入：{problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reasoning:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment fingerprint: {f}</source>
        <translation>承诺指纹：{f}</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ui/reveal_dialog.py" line="+32"/>
        <source>Reveal</source>
        <translation>揭封</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>All sealed opinions are opened together. Each key holder enters their own passphrase in turn, out of sight of the others.</source>
        <translation>所有密封意见将同时打开。每位密钥持有人依次输入本人口令，输入时请其他人回避。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>custodian</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step {i} of {n}: {name} ({role}), enter your passphrase.</source>
        <translation>第 {i} 步，共 {n} 步：请{name}（{role}）输入口令。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checking the passphrase…</source>
        <translation>正在核验口令……</translation>
    </message>
</context>
<context>
    <name>RevealedOpinions</name>
    <message>
        <location filename="../../ui/opinion_text.py" line="+18"/>
        <source>Revealed opinions, in full</source>
        <translation>已揭示的各部门意见（全文）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed verification; excluded from the count: {p}</source>
        <translation>验证未通过，不计入票数：{p}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commitment fingerprint: {f}</source>
        <translation>承诺指纹：{f}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No opinion was opened in this round.</source>
        <translation>本轮没有开启任何意见。</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../ui/session_dialog.py" line="+50"/>
        <source>Huishen — session</source>
        <translation>会审 — 会审事项</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seal board</source>
        <translation>密封看板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My opinion</source>
        <translation>本部门意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tally</source>
        <translation>计票</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dossier</source>
        <translation>案卷</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Unsaved changes</source>
        <translation>尚未保存的修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your opinion has changes that are not saved yet. Save the encrypted draft and close?</source>
        <translation>您的意见有尚未保存的修改。保存加密草稿并关闭？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save draft and close</source>
        <translation>保存草稿并关闭</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What you typed here has not been recorded and will be lost if you close.</source>
        <translation>此处输入的内容尚未记录，关闭后将会丢失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without saving</source>
        <translation>不保存，关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Revealed round {round}: {n} envelope(s) opened and verified.</source>
        <translation>第 {round} 轮已揭示：{n} 份密封意见已开启并通过验证。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} failed verification and were excluded.</source>
        <translation>{n} 份验证未通过，已排除。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opinions stay sealed until the chair and custodians reveal them.</source>
        <translation>意见在主持人和监督员揭封之前保持密封。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Round {n}</source>
        <translation>第 {n} 轮</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reference number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter kind</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unclassified</source>
        <translation>非密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OVERDUE</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>表决规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recused</source>
        <translation>已回避</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deputy chair</source>
        <translation>副主持人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>acts as chair</source>
        <translation>代行主持人职责</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Custodians</source>
        <translation>监督员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none — the chair alone holds the reveal key (the security policy allows it)</source>
        <translation>无——揭封密钥仅由主持人持有（安全策略允许）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Departments</source>
        <translation>参会部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clerks</source>
        <translation>记录员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every clerk (created before clerks were named)</source>
        <translation>全部记录员（创建于指定记录员功能之前）</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+13"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Items</source>
        <translation>议题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rounds</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Round {n}: opened {opened}</source>
        <translation>第 {n} 轮：{opened} 开始</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>closed {t}</source>
        <translation>{t} 截止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>revealed {t}</source>
        <translation>{t} 揭封</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <location filename="../../ui/session_editor.py" line="+50"/>
        <source>New session</source>
        <translation>新建会审事项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Custom options</source>
        <translation>自定义选项</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. 1年 (default by level)</source>
        <translation>例如 1年（默认按密级）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Majority of members expected (党组工作条例 art. 27)</source>
        <translation>超过应到会成员半数（党组工作条例第二十七条）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two-thirds of members expected</source>
        <translation>应到会成员三分之二多数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unanimity</source>
        <translation>全体一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisory (no binding count)</source>
        <translation>咨询性（不表决）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By the matter kind (more than half; case trial two thirds)</source>
        <translation>按事项类型（过半数；案件审理为三分之二以上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two thirds of the original 应到</source>
        <translation>原应到会人数的三分之二以上</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chair&apos;s position counts as a vote (cast last)</source>
        <translation>主持人表态计入票数（末位表态）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One item (议题) per line; empty: the title is the only item</source>
        <translation>每行一个议题；留空则以标题为唯一议题</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 其他 — separate several with 、</source>
        <translation>如：其他（多个用“、”分隔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Decides the chair&apos;s own recusal and, approving it, acts as chair. Another chair with no part in the session.</source>
        <translation>决定主持人本人的回避，准予后代行主持人职责。须为在本事项中无其他身份的另一名主持人。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the clerks checked here may read the session (need to know).</source>
        <translation>只有此处勾选的记录员可以阅读本事项（知悉范围）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Matter kind:</source>
        <translation>事项类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference number:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classification:</source>
        <translation>密级：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification term:</source>
        <translation>保密期限：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision rule:</source>
        <translation>表决规则：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attendance quorum:</source>
        <translation>出席法定人数：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items:</source>
        <translation>议题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options (one per line):</source>
        <translation>选项（每行一个）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options needing a written note:</source>
        <translation>需填写说明的选项：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Departments:</source>
        <translation>参会部门：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chair:</source>
        <translation>主持人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deputy chair:</source>
        <translation>副主持人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custodians:</source>
        <translation>监督员：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerks (may read it):</source>
        <translation>记录员（可阅读）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create (draft)</source>
        <translation>创建（草稿）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>— not invited —</source>
        <translation>— 不参加 —</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Give the matter a title.</source>
        <translation>请填写事项标题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the reference number (编号).</source>
        <translation>请填写编号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least two distinct options are needed.</source>
        <translation>至少需要两个不同的选项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invite at least two departments, each with a reviewer.</source>
        <translation>请至少邀请两个部门，并为每个部门指定评审人。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Discard the new session?</source>
        <translation>放弃新建会审事项？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new session has not been created; what you typed will be lost.</source>
        <translation>新会审事项尚未创建，已输入的内容将会丢失。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>SessionListScreen</name>
    <message>
        <location filename="../../ui/session_list.py" line="+135"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search title or reference number</source>
        <translation>搜索标题或编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New session…</source>
        <translation>新建会审事项(&amp;N)……</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>{n} sessions, {overdue} overdue</source>
        <translation>共 {n} 项，超期 {overdue} 项</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location line="-182"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed</source>
        <translation>密封进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+54"/>
        <source> [chair alone holds the key]</source>
        <translation>【仅主持人持钥】</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unclassified</source>
        <translation>非密</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../../ui/setup_window.py" line="+32"/>
        <source>Huishen — first run</source>
        <translation>会审 — 首次运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No store exists yet in {path}. Create it now: you become its administrator. The workstation also gets its own identity key.</source>
        <translation>{path} 中尚无存储库。现在创建：您将成为系统管理员，本工作站也将生成自己的身份密钥。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Administrator&apos;s account name</source>
        <translation>系统管理员账户名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step 1 of 3: the administrator&apos;s account name</source>
        <translation>第 1 步，共 3 步：系统管理员的账户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account name:</source>
        <translation>账户名：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Step 2 of 3: the administrator&apos;s passphrase (at least 8 characters), twice</source>
        <translation>第 2 步，共 3 步：系统管理员口令（至少 8 个字符），输入两次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Create the store</source>
        <translation>创建存储库(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step 3 of 3: create the encrypted store with administrator {name}.</source>
        <translation>第 3 步，共 3 步：创建加密存储库，系统管理员为 {name}。</translation>
    </message>
</context>
<context>
    <name>StatsScreen</name>
    <message>
        <location filename="../../ui/stats_view.py" line="+26"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会审事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opinions</source>
        <translation>意见数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On time</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dissent rate</source>
        <translation>不同意见率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avg. reasoning (chars)</source>
        <translation>平均理由字数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Near-duplicate flags</source>
        <translation>雷同标记</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>collecting</source>
        <translation>征集中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sealed, not revealed</source>
        <translation>已密封未揭封</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revealed, not decided</source>
        <translation>已揭封未决定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time limits: {overdue} overdue, {warning} due soon (overdue/due soon by stage: {detail})</source>
        <translation>办理时限：已超期 {overdue} 件，即将到期 {warning} 件（各阶段超期/即将到期：{detail}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>On time %</source>
        <translation>按时率 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dissent %</source>
        <translation>不同意见率 %</translation>
    </message>
</context>
<context>
    <name>TallyView</name>
    <message>
        <location filename="../../ui/tally_view.py" line="+75"/>
        <source>Passed: {option}</source>
        <translation>通过：{option}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No majority (未形成多数意见)</source>
        <translation>未形成多数意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisory: no binding count</source>
        <translation>咨询性：不作表决计数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>final</source>
        <translation>最终结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>preliminary — the chair has not yet stated a position</source>
        <translation>初步结果 — 主持人尚未表态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round {round} — {state}</source>
        <translation>第 {round} 轮 — {state}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deputy chair {deputy} acts as chair: the chair {chair} is recused.</source>
        <translation>副主持人{deputy}代行主持人职责：主持人{chair}已回避。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Item {n}: {text}</source>
        <translation>议题 {n}：{text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{counts} — expected {e}, cast {c}. &lt;b&gt;{outcome}&lt;/b&gt;</source>
        <translation>{counts} — 应到 {e}，实投 {c}。&lt;b&gt;{outcome}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Chair&apos;s position (stated last): {p} — {r}</source>
        <translation>主持人表态（末位）：{p} — {r}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recused: {v}</source>
        <translation>回避：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Absent: {v}</source>
        <translation>缺席：{v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed verification, excluded: {v}</source>
        <translation>核验未通过，已排除：{v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Near-duplicate opinions (意见高度雷同): {a} / {b}, {p}%</source>
        <translation>意见高度雷同：{a} / {b}，{p}%</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The chair&apos;s own position (末位表态)</source>
        <translation>主持人末位表态</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Item {n}:</source>
        <translation>议题 {n}：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reasoning:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Record the decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Chair&apos;s position</source>
        <translation>主持人表态</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>superseded by a new round, not decided</source>
        <translation>已被新一轮取代，未据以决定</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Open a &amp;new round…</source>
        <translation>开启新一轮(&amp;N)……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Seal the chair&apos;s position</source>
        <translation>密封主持人表态(&amp;S)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Record the decision</source>
        <translation>记录决定(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Defer: open a new round…</source>
        <translation>暂缓：另开新一轮…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Defer: withdraw…</source>
        <translation>暂缓：撤回…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Seal the chair&apos;s position now? It is signed and counted as stated last, and it cannot be changed afterwards.</source>
        <translation>现在密封主持人表态？表态经签名并作为末位表态计入，之后不能更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seal position — cannot be changed</source>
        <translation>密封表态 — 不可更改</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Write the decision text.</source>
        <translation>请填写决定内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The decision departs from the tally: write the reason (it is signed and shown).</source>
        <translation>决定与计票结果不一致：请写明理由（随决定签名并标注）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record this decision now? The session becomes decided; the decision is signed and cannot be changed or withdrawn.</source>
        <translation>现在记录该决定？会审事项将变为已决定状态；决定经签名后不能修改或撤回。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record — cannot be undone</source>
        <translation>记录 — 不可撤销</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason for withdrawing (暂缓; recorded, your position stays):</source>
        <translation>撤回（暂缓）理由（记录在案，您的表态保留）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New round</source>
        <translation>新一轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason for a new round (recorded):</source>
        <translation>开启新一轮的理由（留痕）：</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../../ui/unlock.py" line="+39"/>
        <source>Huishen — unlock</source>
        <translation>会审 — 解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Huishen back-to-back joint review</source>
        <translation>会审 · 背靠背会商会审</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Enter your account name.</source>
        <translation>请输入账户名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlocking…</source>
        <translation>正在解锁……</translation>
    </message>
</context>
</TS>
