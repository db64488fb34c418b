/// Verbs whose category depends on their object: `remove_watcher` unlinks (write) where `remove_file`
/// loses data; `create_deployment` starts code where `create_issue` writes; `subscribe` to a channel
/// listens. Shared by the rules that read verbs, like `VerbLexicon`.
enum VerbObjects {
    /// One verb-object reading.
    struct Reading: Sendable {
        let verbs: Set<String>
        let objects: WordSet
        let category: Category
        let reason: String
        /// How many description words after the verb may hold the object.
        var reach = 4
        /// Objects that count only on a server whose words include one of `serverWords`.
        var serverObjects: WordSet = WordSet([])
        /// See `serverObjects`.
        var serverWords: WordSet = WordSet([])
    }

    /// The readings, most specific first.
    private static let from = WordHash.of("from")

    static let readings: [Reading] = [
        Reading(verbs: ["push", "reset", "checkout", "overwrite", "update", "sync"], objects: ["force", "forced", "hard"],
                category: .destructive, reason: "a forced or hard change discards what it replaces", reach: 2),
        Reading(verbs: ["run", "show", "create", "generate"], objects: ["plan", "preview", "diff"], category: .read, reason: "shows a plan without applying it", reach: 3),
        // The definition names flushing and evicting as destructive: what a cache held is gone.
        Reading(verbs: ["flush", "purge", "evict"], objects: ["cache", "caches"], category: .destructive,
                reason: "flushes a cache: what it held is gone", reach: 3),
        // A token or key revoked cannot be used again; a revoked link or membership can be granted back.
        Reading(verbs: ["revoke"], objects: ["token", "tokens", "key", "keys", "credential", "credentials", "secret", "secrets", "certificate", "certificates", "session", "sessions"],
                category: .destructive, reason: "revokes a credential for good", reach: 3),
        // Restoring a backup writes the saved copy over what is there: whatever changed since is gone.
        Reading(verbs: ["restore"], objects: ["backup", "backups", "snapshot", "snapshots", "checkpoint", "checkpoints", "dump", "dumps"],
                category: .destructive, reason: "restores a saved copy over the current state: what changed since is lost", reach: 3),
        // Switching a physical device on or off acts in the world, like starting or stopping a machine.
        Reading(verbs: ["turn"], objects: [], category: .execute, reason: "switches a device on or off: a physical effect", reach: 0,
                serverObjects: ["on", "off"], serverWords: ["light", "lights", "device", "devices", "entity", "entities", "plug", "plugs", "lamp", "iot", "thermostat", "appliance"]),
        // Rolling back to a snapshot discards everything done since.
        Reading(verbs: ["rollback", "revert"], objects: ["snapshot", "snapshots", "checkpoint", "checkpoints"], category: .destructive,
                reason: "rolls back to a snapshot: the work since is discarded", reach: 3),
        // Cancelling a CI run or a workflow is a write (the definition): nothing more starts.
        Reading(verbs: ["stop", "cancel", "abort"], objects: ["build", "builds", "pipeline", "pipelines", "job", "jobs", "run", "runs", "workflow", "workflows"],
                category: .write, reason: "cancels a CI run or a workflow: nothing more starts", reach: 2),
        // On a trading venue, leverage, margin and stops change the obligation an open position carries.
        Reading(verbs: ["set", "update", "change", "modify", "add", "adjust"], objects: ["leverage"], category: .financial,
                reason: "changes the leverage, margin or stops of trading positions", reach: 3,
                serverObjects: ["margin", "stop", "stoploss", "takeprofit"],
                serverWords: ["trading", "trade", "futures", "exchange", "broker", "brokerage", "leverage", "perpetual", "perp", "positions"]),
        // Claiming fees, rewards or winnings pays them out to the caller's account or wallet: money moves.
        Reading(verbs: ["claim"], objects: ["fee", "fees", "reward", "rewards", "payout", "payouts", "earnings", "winnings",
                                             "airdrop", "airdrops", "dividend", "dividends", "yield", "funds", "refund", "refunds", "rebate", "rebates"],
                category: .financial, reason: "claims money owed: it is paid out to the caller", reach: 3),
        // A signed payment or transaction is an authorised one: signing is what lets the money move.
        Reading(verbs: ["sign", "cosign"], objects: ["payment", "payments", "transaction", "transactions", "tx", "transfer", "transfers",
                                                   "intent", "intents", "withdrawal", "withdrawals", "order", "orders"],
                category: .financial, reason: "signs a payment or transaction: the signature authorises the money to move", reach: 3),
        // A message scheduled is a message sent later: it leaves the system on its own.
        Reading(verbs: ["schedule", "reschedule"], objects: ["message", "messages", "email", "emails", "mail", "post", "posts", "tweet", "tweets", "sms", "notification", "notifications", "broadcast", "campaign"],
                category: .execute, reason: "schedules a message: it will be sent without another call", reach: 3),
        // Code injected into a live page runs there.
        Reading(verbs: ["inject"], objects: ["code", "script", "scripts", "javascript", "js", "css", "html"], category: .execute,
                reason: "injects code that runs in a live page", reach: 3),
        Reading(verbs: ["delete", "del"], objects: [
            "alias", "aliases", "link", "links", "reaction", "reactions", "emoji", "star", "bookmark", "favorite", "favourite", "watcher",
            "association", "associations", "share", "shares", "suppression", "suppressions", "relation", "relations", "permission",
            "permissions", "friend", "friends",
        ], category: .write, reason: "deletes a link or a marker; nothing is lost"),
        Reading(verbs: ["remove", "revoke"], objects: [
            "link", "links", "watcher", "watchers", "label", "labels", "tag", "tags", "permission", "permissions",
            "member", "members", "membership", "memberships", "assignee", "assignees", "reviewer", "reviewers",
            "reaction", "reactions", "emoji", "star", "subscriber", "subscribers", "follower", "followers",
            "collaborator", "collaborators", "alias", "aliases", "taint", "taints", "approval", "sharing", "share",
            "access", "participant", "participants", "attendee", "attendees", "favorite", "favourite", "bookmark",
            "dependency", "dependencies", "suppression", "suppressions", "route", "routes", "hyperlink", "hyperlinks",
            "transition", "transitions", "repo", "repos", "association", "associations", "friend", "friends", "role", "roles",
        ], category: .write, reason: "removes a link, label or membership; nothing is lost"),
        Reading(verbs: ["subscribe", "unsubscribe"], objects: ["channel", "channels", "pattern", "patterns", "pub", "pubsub"], category: .read, reason: "listens to messages on a channel", reach: 8),
        Reading(verbs: ["clear", "reset", "flush", "purge", "empty"], objects: [
            "session", "cache", "screen", "console", "context", "selection", "filter", "filters", "buffer", "scratchpad",
            "highlight", "highlights", "notification", "notifications", "input", "form",
        ], category: .write, reason: "clears short-lived state"),
        Reading(verbs: ["reset"], objects: [
            "password", "passwords", "pin", "mfa", "credentials", "credential", "counter", "counters", "timer", "view", "zoom",
            "layout", "filter", "filters", "form", "permission", "permissions", "client", "clients",
        ], category: .write, reason: "resets a setting to a new value; nothing is lost"),
        Reading(verbs: ["resolve"], objects: [
            "id", "identifier", "account", "name", "address", "library", "symbol", "hostname", "dns", "url", "handle", "username", "uri",
        ], category: .read, reason: "looks an identifier up"),
        Reading(verbs: ["create", "replace", "run", "start", "retry", "rerun", "trigger", "launch", "apply", "submit", "install", "deploy", "redeploy", "play"], objects: [
            "deployment", "deployments", "job", "jobs", "cronjob", "cronjobs", "statefulset", "statefulsets", "daemonset",
            "daemonsets", "pod", "pods", "pipeline", "pipelines", "workflow", "workflows", "yaml", "manifest", "manifests",
            "terraform", "tf", "kustomization", "migration", "migrations", "cloudformation",
            "server", "servers", "droplet", "droplets", "instance", "instances", "vm", "vms", "container", "containers",
            "sandbox", "sandboxes", "machine", "machines",
        ], category: .execute, reason: "starts a workload or applies infrastructure that runs code", reach: 3,
           serverObjects: ["stack", "stacks", "application", "applications", "app", "apps"],
           serverWords: ["docker", "swarm", "kubernetes", "k8s", "compose", "portainer", "cloudformation", "argocd", "helm", "nomad"]),
        // Building a value (a query, a payload, a filter domain, a playbook block) returns it; building a job,
        // an image or a project runs a build (the lexicon's `build`).
        Reading(verbs: ["build"], objects: ["domain", "payload", "payloads", "query", "queries", "filter", "filters", "block", "blocks",
                                            "bundle", "bundles", "pack", "packs", "json", "request", "requests", "expression",
                                            "expressions", "prompt", "prompts", "schema", "catalog", "summary", "chart", "graph", "string", "evidence"],
                category: .read, reason: "builds a value and returns it: nothing runs", reach: 4),
        // Query languages that only read (New Relic's NRQL, PromQL, LogQL, TraceQL, SkyWalking's MQE, Beancount's BQL,
        // Jira's JQL, Obsidian's Dataview), checks and diagnostics, and a template rendered to text: nothing changes.
        Reading(verbs: ["run", "execute", "exec", "eval", "evaluate", "render"], objects: [
            "nrql", "promql", "logql", "traceql", "metricsql", "mqe", "bql", "jql", "dataview", "diagnostics", "diagnostic", "doctor",
            "healthcheck", "checks", "template", "templates",
        ], category: .read, reason: "runs a read-only query, a check or a template: nothing changes", reach: 4),
        // Clearing an Airflow task instance or DAG run resets its state so the scheduler runs it again.
        Reading(verbs: ["clear"], objects: [], category: .execute, reason: "clears task state: the scheduler runs those tasks again", reach: 0,
                serverObjects: ["task", "tasks", "instance", "instances", "dag", "dags", "run", "runs"], serverWords: ["airflow", "dag", "dags"]),
        // An activated workflow runs on its own triggers from then on; a deactivated one stops running.
        Reading(verbs: ["activate", "deactivate"], objects: ["workflow", "workflows", "automation", "automations", "flow", "flows"],
                category: .execute, reason: "switches a workflow on or off: it starts or stops running on its triggers", reach: 3),
        // A Kafka Connect connector is a running workload: creating one starts moving data at once.
        Reading(verbs: ["create", "deploy"], objects: [], category: .execute, reason: "creates a connector: Kafka Connect starts running it", reach: 0,
                serverObjects: ["connector", "connectors"], serverWords: ["kafka"]),
        Reading(verbs: ["apply"], objects: ["changes", "configuration", "config", "plan", "terraform", "manifest", "yaml", "patch", "policy", "migration", "migrations"],
                category: .execute, reason: "applies configuration that takes effect at once", reach: 3),
        Reading(verbs: ["push", "publish", "release"], objects: ["image", "images", "chart", "charts", "package", "packages", "artifact", "artifacts"],
                category: .execute, reason: "publishes an image or a package others will run", reach: 2),
        Reading(verbs: ["set", "update", "change"], objects: ["image", "images"],
                category: .execute, reason: "changes the image a workload runs: it redeploys", reach: 2),
        Reading(verbs: ["close", "end", "kill", "terminate", "exit"], objects: ["session", "sessions", "shell", "terminal"],
                category: .execute, reason: "ends a running session or process", reach: 2),
        Reading(verbs: ["accept", "handle"], objects: [],
                category: .execute, reason: "acts on a live page as the user: it can submit or buy", reach: 0,
                serverObjects: ["text", "form", "forms", "dialog", "dialogs", "element", "elements", "field", "fields", "input", "key", "keys", "file", "files", "drop", "and"],
                serverWords: ["browser", "playwright", "selenium", "puppeteer", "pydoll", "chromium", "seleniumbase"]),
        Reading(verbs: ["create", "cut", "draft"], objects: ["release", "releases", "incident", "incidents", "broadcast"],
                category: .execute, reason: "publishes a release or opens an incident: others are told", reach: 2),
        Reading(verbs: ["start", "stop", "pause", "resume", "halt", "suspend", "unpause"], objects: [
            "timer", "timers", "recording", "recordings", "tracking", "monitor", "monitors", "maintenance", "trading", "clock",
            "card", "cards", "limit", "limits", "notifications", "alerts", "sync",
        ], category: .write, reason: "switches a clock, a monitor or a setting: nothing starts running", reach: 2),
        Reading(verbs: ["post", "publish", "send", "add"], objects: ["note", "notes", "comment", "comments", "reply", "replies", "reaction", "reactions"],
                category: .write, reason: "adds a comment or note", reach: 3),
        // A reply to a chat message, an e-mail or a customer is a message sent (a reply to a comment is a comment).
        Reading(verbs: ["reply", "respond"], objects: ["message", "messages", "chat", "chats", "email", "emails", "mail", "customer", "customers",
                                                    "dm", "dms", "sms", "channel", "channels", "ticket", "tickets", "sender"],
                category: .execute, reason: "replies to a message: the reply is sent", reach: 3),
        Reading(verbs: ["select", "check", "uncheck", "choose"], objects: [
            "option", "options", "item", "items", "checkbox", "checkboxes", "element", "elements", "radio", "dropdown",
        ], category: .write, reason: "sets a value on a page or in a list", reach: 2),
        Reading(verbs: ["switch", "focus"], objects: ["frame", "frames", "iframe", "iframes", "window", "windows", "tab", "tabs", "content"],
                category: .read, reason: "moves the browser's focus: nothing is changed", reach: 3),
        Reading(verbs: ["start", "stop", "pause", "resume", "unpause"], objects: ["playback", "music", "song", "songs", "video", "audio", "media"],
                category: .write, reason: "switches playback on a player: nothing starts running", reach: 2),
        Reading(verbs: ["open", "spawn", "launch", "start", "create"], objects: ["shell", "terminal", "pty", "tty", "repl", "console"],
                category: .execute, reason: "opens an interactive shell", reach: 2),
        Reading(verbs: ["simulate", "replay", "fire", "test", "resend", "redeliver"], objects: [
            "webhook", "webhooks", "event", "events", "notification", "notifications", "callback", "callbacks",
        ], category: .execute, reason: "fires a real webhook or event: receivers act on it", reach: 2),
        Reading(verbs: ["add", "subtract", "multiply", "divide", "sum", "round"], objects: [
            "numbers", "number", "values", "integers", "integer", "floats", "digits", "two", "fractions", "vectors", "matrices", "dates", "durations",
        ], category: .read, reason: "computes a result: nothing is stored", reach: 3),
        Reading(verbs: ["kill", "signal"], objects: [
            "container", "containers", "process", "processes", "pid", "task", "tasks", "job", "jobs", "pod", "pods", "session", "sessions",
        ], category: .execute, reason: "stops what runs", reach: 2),
        // A chat is a model's answer on a model server; on Teams or Slack it is a conversation with people.
        Reading(verbs: ["create", "generate", "get"], objects: ["completion", "completions", "embedding", "embeddings"],
                category: .read, reason: "asks a model for an answer: nothing is stored", reach: 2,
                serverObjects: ["chat"], serverWords: ["llm", "llms", "openai", "gpt", "anthropic", "claude", "ollama", "gemini", "mistral",
                                                       "model", "models", "completion", "completions", "inference", "prompt"]),
        Reading(verbs: ["drop"], objects: [], category: .execute, reason: "acts on a live page as the user: it can submit or buy", reach: 0,
                serverObjects: ["element", "elements", "file", "files", "target"],
                serverWords: ["browser", "playwright", "selenium", "puppeteer", "pydoll", "chromium", "seleniumbase"]),
        Reading(verbs: ["undo", "revert"], objects: ["rollout", "rollouts", "deployment", "deployments", "release", "releases"],
                category: .execute, reason: "rolls a running workload back", reach: 2),
        Reading(verbs: ["refresh", "reload", "back", "forward"], objects: [], category: .read, reason: "moves through pages in a browser",
                reach: 0, serverObjects: ["tab", "tabs", "page", "pages", "browser", "navigation"], serverWords: ["browser", "playwright", "selenium", "puppeteer", "pydoll", "chromium"]),
        Reading(verbs: ["send", "type", "write", "interact", "press", "input"], objects: [
            "terminal", "shell", "pty", "tty", "stdin", "keystrokes", "repl",
        ], category: .execute, reason: "types into a live shell", reach: 8,
           serverObjects: ["session", "sessions", "pane", "console"], serverWords: ["pty", "tty", "terminal", "shell", "tmux", "repl"]),
    ]

    /// Every reading's reason, as evidence shows it at the end of its own reason.
    static let reasons: [String] = Array(Set(readings.map(\.reason)))

    /// The entry for `base` given the words around it: the lexicon's, or a verb-object reading's.
    /// `nameObjects` are the name's words after the verb; `nearby` are the description's first words.
    /// The readings of each verb, in their order in `readings` (looked up once per verb, not scanned).
    private static let readingsByVerb: [String: [Reading]] = {
        var out: [String: [Reading]] = [:]
        for r in readings { for v in r.verbs { out[v, default: []].append(r) } }
        return out
    }()

    static func entry(for base: String, _ entry: LexiconEntry, nameObjects: [UInt64], nearby: [UInt64], server: Set<UInt64> = []) -> LexiconEntry {
        guard let candidates = readingsByVerb[base] else { return entry }
        for r in candidates {
            let near = r.verbs.contains("delete") ? [] : nearby.prefix(r.reach)
            let withServer = !r.serverObjects.hashes.isEmpty && r.serverWords.intersects(server)
            let isObject = { (h: UInt64) in r.objects.contains(h) || (withServer && r.serverObjects.contains(h)) }
            let hit = nameObjects.contains(where: isObject) || near.contains(where: isObject)
                || (r.category == .write && r.verbs.contains("remove") && nameObjects.contains(Self.from))
            if hit { return LexiconEntry(category: r.category, strength: entry.strength, reason: r.reason, alsoNoun: entry.alsoNoun) }
        }
        return entry
    }
}
