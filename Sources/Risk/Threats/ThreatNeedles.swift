/// Literal strings the threat rules look for, all in one automaton (`NeedleSet`), so each text's folded
/// bytes are read once for every one of them.
enum ThreatNeedles {
    /// What a needle means.
    enum Kind: Sendable, Hashable {
        /// A file that holds secrets (`~/.ssh`, `.aws/credentials`, `mcp.json`).
        case secretFile
        /// The name of a variable that holds a secret (`OPENAI_API_KEY`, `GITHUB_ACCESS_TOKEN`): one word to the
        /// tokenizer, so the lexicon's "api key" cannot see it.
        case secretName
        /// `.env` (checked to be a file name, not `process.env`).
        case dotEnv
        /// A tag posing as a system or priority channel (`<IMPORTANT>`, `[SYSTEM]`, `<|im_start|>`).
        case systemTag
        /// The tags HTML-formatted API references use for notes (`<important>`), read as markup there.
        case markupTag
        /// Markup of HTML documentation (`<p>`, `<code>`).
        case htmlDocument
        /// The start and end of an HTML comment.
        case commentStart, commentEnd
        /// A host or path that collects whatever is sent to it: request bins, tunnels, paste sites,
        /// chat webhooks, out-of-band testing domains.
        case collector
        /// A command that destroys (`rm -rf`, `git reset --hard`).
        case destructiveCommand
        /// A command or file that opens access (`authorized_keys`, `curl … | sh`, `npm publish`).
        case privilegeCommand
    }

    /// Every needle.
    static let set = NeedleSet<Kind>(
        secretFiles.map { ($0, wholeWord: false, Kind.secretFile) }
        + secretNames.map { ($0, wholeWord: false, Kind.secretName) }
        + [(".env", wholeWord: false, .dotEnv)]
        + systemTags.map { ($0, wholeWord: false, Kind.systemTag) }
        + ["<important>", "</important>"].map { ($0, wholeWord: false, Kind.markupTag) }
        + htmlMarkers.map { ($0, wholeWord: false, Kind.htmlDocument) }
        + [("<!--", wholeWord: false, .commentStart), ("-->", wholeWord: false, .commentEnd)]
        + collectors.map { ($0, wholeWord: false, Kind.collector) }
        + destructiveCommands.map { ($0, wholeWord: false, Kind.destructiveCommand) }
        + privilegeCommands.map { ($0, wholeWord: false, Kind.privilegeCommand) }
        + [(".sh", wholeWord: true, .privilegeCommand), (".ps1", wholeWord: true, .privilegeCommand)])

    static let secretFiles = [
        "~/.ssh", ".ssh/", "id_rsa", "id_ed25519", "id_ecdsa", "id_dsa", "ssh_id_rsa", ".aws/credentials", "~/.aws", "aws_credentials",
        ".cursor/mcp.json", "mcp.json", "claude_desktop_config", ".npmrc", ".pypirc", ".netrc", ".git-credentials", ".docker/config.json",
        ".kube/config", "/etc/shadow", "/etc/passwd", "wallet.dat", ".gnupg", ".bash_history", ".zsh_history", ".config/gcloud",
        "application_default_credentials", "credentials.json", ".azure/", ".vault-token", ".boto", ".s3cfg", "credentials.tfrc.json",
        ".cargo/credentials", ".gem/credentials", ".config/hub", ".python_history", ".mysql_history", ".psql_history", "/proc/self/environ", "service-account.json", "service_account.json", ".config/gh/hosts.yml",
        ".pgpass", ".my.cnf", "login data", "cookies.sqlite", "keychain", ".password-store", ".keystore", ".jks", ".pfx", ".p12",
    ]
    static let secretNames = [
        "_api_key", "_apikey", "_secret_key", "_secret_access_key", "_private_key", "_access_token", "_auth_token", "_api_token",
        "_bot_token", "_client_secret", "_refresh_token", "github_token", "gitlab_token", "gh_token", "npm_token", "hf_token",
        "slack_token", "discord_token", "pypi_token",
    ]
    static let systemTags = [
        "<system>", "</system>", "<secret>", "<hidden>", "<system_prompt>", "<|im_start|>", "<|system|>", "<|endoftext|>",
        "[inst]", "[/inst]", "<<sys>>", "<admin>", "<assistant>", "<|assistant|>", "### system", "<ai_instructions>", "<instructions_for_ai>",
    ]
    static let htmlMarkers = ["<p>", "</p>", "<code>", "<para>", "<note>", "<ul>", "<li>", "<a href", "<b>", "<i>"]
    static let collectors = [
        "pipedream.net", "webhook.site", "requestbin", "requestcatcher", "beeceptor", "hookbin", "mockbin", "ngrok.io", "ngrok-free.app",
        "ngrok.app", "ngrok-free.dev", "trycloudflare.com", "serveo.net", "loca.lt", "localtunnel.me", "oast.fun", "oast.pro", "oast.live",
        "oast.site", "oast.online", "oast.me", "interact.sh", "burpcollaborator", "pastebin.com", "paste.ee", "hastebin", "ghostbin",
        "transfer.sh", "0x0.st", "file.io", "discord.com/api/webhooks", "discordapp.com/api/webhooks", "hooks.slack.com/services",
        "script.google.com/macros", "api.telegram.org/bot", "webhook.office.com", "ipfs.io/ipfs", "oastify.com", "dnslog.cn", "ceye.io",
        "requestrepo.com", "webhook.cool", "postb.in", "ptsv2.com", "ptsv3.com", "smee.io", "pinggy.link", "pinggy.io", "bore.pub",
        "tunnelmole.net", "localhost.run", "lhr.life", "loclx.io", "canarytokens.com", "rentry.co", "dpaste.com", "termbin.com",
        "sprunge.us", "temp.sh", "bashupload.com", "catbox.moe", "gofile.io", "keep.sh",
    ]
    static let destructiveCommands = [
        "rm -rf", "rm -fr", "rm -r ", "reset --hard", "push --force", "push -f", "mkfs", "dd if=", "drop table", "drop database",
        "truncate table", "format c:", "del /f", "rmdir /s", ":(){",
    ]
    static let privilegeCommands = [
        "authorized_keys", "| sh", "| bash", "|sh", "|bash", "npm publish", "chmod 777", "chmod -r 777", "/etc/sudoers", "sudo ",
        "crontab", "ssh-ed25519 ", "ssh-rsa ", "--access public", "visibility=public", "iex(", "invoke-expression",
    ] + selfEvidentCommands
    /// Commands no honest text hands the model to run: a payload decoded into a shell, a reverse shell.
    static let selfEvidentCommands = ["base64 -d |", "base64 -d|", "base64 --decode |", "base64 --decode|", "/dev/tcp/"]
}
