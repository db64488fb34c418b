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
        Reading(verbs: ["delete", "del"], objects: [
            "alias", "aliases", "link", "links", "reaction", "reactions", "emoji", "star", "bookmark", "favorite", "favourite", "watcher",
        ], category: .write, reason: "deletes a link or a marker; nothing is lost"),
        Reading(verbs: ["remove", "revoke"], objects: [
            "link", "links", "watcher", "watchers", "label", "labels", "tag", "tags", "permission", "permissions",
            "member", "members", "membership", "memberships", "assignee", "assignees", "reviewer", "reviewers",
            "reaction", "reactions", "emoji", "star", "subscriber", "subscribers", "follower", "followers",
            "collaborator", "collaborators", "alias", "aliases", "taint", "taints", "approval", "sharing", "share",
            "access", "participant", "participants", "attendee", "attendees", "favorite", "favourite", "bookmark",
        ], category: .write, reason: "removes a link, label or membership; nothing is lost"),
        Reading(verbs: ["subscribe", "unsubscribe"], objects: ["channel", "channels", "pattern", "patterns", "pub", "pubsub"], category: .read, reason: "listens to messages on a channel", reach: 8),
        Reading(verbs: ["clear", "reset", "flush", "purge", "empty"], objects: [
            "session", "cache", "screen", "console", "context", "selection", "filter", "filters", "buffer", "scratchpad",
            "highlight", "highlights", "notification", "notifications", "input", "form",
        ], category: .write, reason: "clears short-lived state"),
        Reading(verbs: ["reset"], objects: [
            "password", "passwords", "pin", "mfa", "credentials", "credential", "counter", "counters", "timer", "view", "zoom",
            "layout", "filter", "filters", "form",
        ], category: .write, reason: "resets a setting to a new value; nothing is lost"),
        Reading(verbs: ["resolve"], objects: [
            "id", "identifier", "account", "name", "address", "library", "symbol", "hostname", "dns", "url", "handle", "username", "uri",
        ], category: .read, reason: "looks an identifier up"),
        Reading(verbs: ["create", "replace", "run", "start", "retry", "rerun", "trigger", "launch", "apply", "submit", "install", "deploy", "redeploy", "play"], objects: [
            "deployment", "deployments", "job", "jobs", "cronjob", "cronjobs", "statefulset", "statefulsets", "daemonset",
            "daemonsets", "pod", "pods", "pipeline", "pipelines", "workflow", "workflows", "yaml", "manifest", "manifests",
            "terraform", "tf", "kustomization", "helm", "chart", "migration", "migrations", "cloudformation", "stack", "stacks",
            "k8s", "kubernetes", "kubectl",
        ], category: .execute, reason: "starts a workload or applies infrastructure that runs code", reach: 3),
        Reading(verbs: ["send", "type", "write", "interact", "press", "input"], objects: [
            "terminal", "shell", "pty", "tty", "stdin", "keystrokes", "repl",
        ], category: .execute, reason: "types into a live shell", reach: 8,
           serverObjects: ["session", "sessions", "pane", "console"], serverWords: ["pty", "tty", "terminal", "shell", "tmux", "repl"]),
    ]

    /// The entry for `base` given the words around it: the lexicon's, or a verb-object reading's.
    /// `nameObjects` are the name's words after the verb; `nearby` are the description's first words.
    static func entry(for base: String, _ entry: LexiconEntry, nameObjects: [UInt64], nearby: [UInt64], server: Set<UInt64> = []) -> LexiconEntry {
        for r in readings where r.verbs.contains(base) {
            let near = r.verbs.contains("delete") ? [] : nearby.prefix(r.reach)
            let withServer = r.serverWords.intersects(server)
            let isObject = { (h: UInt64) in r.objects.contains(h) || (withServer && r.serverObjects.contains(h)) }
            let hit = nameObjects.contains(where: isObject) || near.contains(where: isObject)
                || (r.category == .write && r.verbs.contains("remove") && nameObjects.contains(Self.from))
            if hit { return LexiconEntry(category: r.category, strength: entry.strength, reason: r.reason, alsoNoun: entry.alsoNoun) }
        }
        return entry
    }
}
