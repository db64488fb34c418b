/// The verbs that say what a tool does, shared by the `name-verb`, `description-verb` and
/// `action-enum` rules so that a name, a sentence and an action value are read the same way.
enum VerbLexicon {
    /// Words that are as often nouns; they lead a name only when no other verb does (`git_commit`
    /// leads with `commit`, `get_commit_log` with `get`).
    static let alsoNouns: Set<String> = [
        "order", "commit", "log", "tag", "label", "comment", "message", "post", "email", "query", "copy", "trade",
        "charge", "transfer", "call", "test", "build", "plan", "branch", "record", "change", "snapshot", "alert",
        "watch", "schedule", "lock", "link", "index", "export", "import", "event", "type", "mode",
        "range", "match", "sample", "report", "trace", "profile", "review", "note", "store",
        "stream", "release", "return", "request", "file", "field", "map", "filter", "sort", "group",
        "status", "exercise", "hash", "rollout", "rate", "deposit", "fund", "block", "seed", "switch", "play", "fill", "bill", "pay", "book", "draft", "help", "guide", "view", "diff", "merge",
        "backup", "invoice", "refund", "payout", "deposit", "dump", "ping",
        "job", "task", "count", "stat",
        "format", "estimate", "quote",
        // Nouns in compound names (`shopping_list_add_item`, `nc_share_get`, `power_on`, `tab_back`).
        "list", "share", "power", "back", "page", "forward", "reply", "pull", "scale", "start", "stop", "pause", "trigger",
    ]

    /// The lexicon.
    static let verbs = Lexicon([
        // Destructive: the worst effect is loss of data or resources.
        LexiconGroup(.destructive, .strong, "removes data or resources for good", example: "delete_user", [
            "delete", "del", "drop", "destroy", "purge", "erase", "wipe", "truncate", "flush", "flushdb", "flushall",
            "terminate", "uninstall", "expunge", "shred", "nuke", "obliterate", "scrub", "annihilate", "dispose", "deprovision", "decommission",
            "rmdir", "rm", "prune", "evict", "deregister", "unregister",
        ]),
        LexiconGroup(.destructive, .normal, "removes or wipes something", example: "remove_volume", [
            "remove", "clear", "revoke", "kill", "overwrite", "discard", "rem", "empty",
            "retire", "cleanup", "clean", "forget", "delist",
        ]),
        // Financial: moves money or creates a financial obligation.
        LexiconGroup(.financial, .strong, "moves money", example: "refund_payment", [
            "pay", "refund", "purchase", "buy", "sell", "withdraw", "payout", "remit", "donate", "wager", "bet",
            "reimburse", "prepay", "repay", "stake", "unstake", "lend", "borrow", "redeem", "topup", "recharge", "invest",
            "liquidate", "settle", "rent", "lease", "void",
        ]),
        LexiconGroup(.financial, .weak, "usually moves money", example: "charge_card", ["charge", "trade", "order", "invoice", "bill", "tip", "swap", "deposit", "fund", "mint"]),
        LexiconGroup(.destructive, .weak, "may discard state", example: "reset_branch", ["reset"]),
        LexiconGroup(.read, .weak, "produces text or a plan (a file written is a write)", example: "generate_dockerfile", ["generate"]),
        // Execute: runs code, commands or infrastructure.
        LexiconGroup(.execute, .strong, "runs code or commands", example: "execute_command", [
            "execute", "exec", "eval", "run", "build", "bootstrap", "spawn", "interpret",
        ]),
        // Sending and starting leave the system: a sent message or a rebooted machine cannot be called back.
        LexiconGroup(.execute, .strong, "sends or publishes to others: the effect leaves the system", example: "send_email", [
            "send", "publish", "notify", "email", "broadcast", "tweet", "retweet", "repost", "message", "invite", "post",
        ]),
        LexiconGroup(.execute, .strong, "starts, stops or changes what runs", example: "restart_service", [
            "start", "stop", "restart", "reboot", "pause", "resume", "suspend", "scale", "autoscale", "migrate", "rollback",
            "halt", "failover", "shutdown", "poweroff", "deallocate", "unpause", "power", "speak", "say", "announce",
        ]),
        LexiconGroup(.destructive, .normal, "removes an element that holds data", example: "list_pop", [
            "pop", "lpop", "rpop", "trim", "drain",
        ]),
        LexiconGroup(.execute, .normal, "acts on a live page as the user: a click or a key press can submit or buy", example: "browser_click", [
            "click", "press", "dblclick",
        ]),
        LexiconGroup(.read, .normal, "moves through or looks at a page", example: "browser_navigate", [
            "navigate", "hover", "focus",
        ]),
        LexiconGroup(.execute, .normal, "applies, deploys or invokes something that runs", example: "deploy_stack", [
            "deploy", "redeploy", "invoke", "provision", "launch", "install", "upgrade", "dispatch",
            "trigger", "perform", "compile", "execution",
        ]),
        // Retrying a job, a pipeline or a delivery runs it again (the definition: trigger, run or retry).
        LexiconGroup(.execute, .normal, "runs a job, a pipeline or a delivery again", example: "retry_pipeline", ["retry", "rerun", "redeliver"]),
        LexiconGroup(.execute, .weak, "calls or evaluates something", example: "call_function", ["call", "evaluate", "automate", "share", "inject"]),
        // Write: creates or changes state, reversibly or additively.
        LexiconGroup(.write, .strong, "creates or changes state", example: "create_issue", [
            "create", "add", "update", "insert", "upsert", "edit", "modify", "write", "save", "upload", "append",
            "rename", "move", "assign", "attach", "commit", "merge", "put", "patch", "set",
            "replace", "change", "register", "subscribe", "unsubscribe", "enable", "disable", 
            "submit", "approve", "reject", "transition",
            "close", "reopen", "archive", "unarchive", "unpublish", "restore", "import", "push", "lpush", "rpush", "sadd", "zadd",
            "xadd", "hset", "mset", "incr", "decr", "increment", "decrement", "expire", "persist", "pop", "lpop",
            "rpop", "ack", "acknowledge", "claim", "enqueue", "dequeue", 
            "comment", "reply", "grant", "authorize", "lock", "unlock", "tag", "untag", "label", "mark",
            "star", "unstar", "pin", "unpin", "follow", "unfollow", "like", "vote", "react", "configure", "connect",
            "disconnect", "link", "schedule", "reschedule", "cancel", "abort",
            "record", "store", "sync", "copy", "clone", "fork", "checkout", "branch", "stage", "unstage", "rebase",
            "revert", "init", "initialize", "setup", "provide", "make", "xreadgroup", "readgroup", "build_and_push",
            "containerize", "opt", "apply", "trim", "stash", "interact", "turn", "toggle", "switch", "play", "expose", "unexpose", "resize", "pull", "dismiss", "finalize", "finalise", "detach", "disassociate", "unassign", "unlink", "untag", "unshare",
            "unlabel", "untaint", "taint", "duplicate", "chmod", "chown", "unzip", "untar", "invalidate", "promote", "demote",
            "mute", "unmute", "block", "unblock", "ban", "unban", "kick", "deny", "accept", "decline", "rsvp", "respond",
            "snooze", "favorite", "bookmark", "upvote", "downvote", "seed", "enroll", "emit", "cordon", "uncordon", "drain", "freeze", "unfreeze", "undo", "redo", "confirm", "complete", "reassign", "escalate", "compose",
            "draft", "book", "reserve", "rate", "review", "annotate", "highlight", "import", "fill", 
            "drag", "login", "logout",
            "authenticate", "activate", "reactivate", "deactivate", "rotate", "renew", "extend", "grant", "refresh",
            "reload", "reindex", "touch", "mkdir", "transfer", "watch", "unwatch", "log", "track", "note", "remember",
            "memorize", "exercise", "place",
        ]),
        LexiconGroup(.write, .normal, "settles or resolves something", example: "resolve_incident", ["resolve"]),
        LexiconGroup(.write, .weak, "manages or handles something", example: "manage_webhooks", ["manage", "handle", "process", "admin", "administer", "control", "operate", "request", "type", "exit"]),
        // Read: retrieves, inspects or computes; nothing outside the call changes.
        LexiconGroup(.read, .strong, "retrieves or inspects", example: "get_user", [
            "get", "list", "search", "find", "fetch", "read", "scrape", "crawl", "show", "describe", "view", "lookup", "retrieve",
            "query", "inspect", "browse", "count", "exists", "hget", "hgetall", "hexists", "mget", "lrange", "llen",
            "zrange", "xrange", "smembers", "scard", "zcard", "hlen", "strlen", "dbsize", "ls", "cat", "grep",
            "stat", "head", "tail", "peek", "download", "export", "dump", "print", "echo", "ping", "poll", "receive",
            "is", "has", "can", "check", "verify", "validate", "compare", "diff", "assert",
        ]),
        LexiconGroup(.read, .normal, "analyses or computes without changing anything", example: "calculate_distance", [
            "analyze", "analyse", "estimate", "calculate", "compute", "convert", "format", "parse", "preview",
            "subtract", "multiply", "divide", "sum", "average",
            "summarize", "summarise", "explain", "recommend", "suggest", "simulate", "translate", "extract", "match",
            "trace", "audit", "monitor", "observe", "explore", "discover", "identify", "detect",
            "locate", "sample", "measure", "profile", "aggregate", "filter", "sort", "select", "scan", "wait",
            "await", "troubleshoot", "investigate", "diagnose", "debug", "help", "guide", "learn", "research",
            "think", "reason", "plan", "propose", "prepare", "top", "display", "enumerate", "examine", "probe", "listen", "assess", "outline",
            "autocomplete", "test", "decrypt", "encrypt", "compress", "tally", "study", "lint", "render", "tokenize", "encode", "decode", "hash", "sign",
            "screenshot", "capture", "collect", "gather", "load", "open", "look", "see", "tell", "ask",
            "answer", "return", "report", "understand", "plot", "chart", "visualize", "predict",
            "forecast", "classify", "score", "rank", "embed", "transcribe", "geocode", 
            "health", "healthcheck", "info", "stats", "status", "version",
            "whoami", "me", "scroll", "snapshot", "quote",
        ]),
        // The same verbs in Spanish, Portuguese, French, Italian and German (infinitive and third person, as
        // names and descriptions use them): servers document their tools in their own language.
        LexiconGroup(.destructive, .strong, "removes data or resources for good (es, pt, fr, it, de)", example: "eliminar_usuario", [
            "eliminar", "elimina", "borrar", "borra", "suprimir", "excluir", "exclui", "apagar", "apaga", "deletar",
            "supprimer", "supprime", "effacer", "efface", "eliminare", "cancellare", "cancella", "löschen", "löscht",
            "entfernen", "entfernt",
        ]),
        LexiconGroup(.financial, .strong, "moves money (es, pt, fr, it, de)", example: "pagar_factura", [
            "pagar", "paga", "payer", "pagare", "bezahlen", "bezahlt", "zahlen", "überweisen", "überweist",
        ]),
        LexiconGroup(.execute, .strong, "sends, publishes or runs something (es, pt, fr, it, de)", example: "enviar_correo", [
            "ejecutar", "ejecuta", "enviar", "envía", "envia", "publicar", "publica", "iniciar", "inicia", "reiniciar",
            "desplegar", "executar", "executa", "exécuter", "exécute", "envoyer", "envoie", "publier", "publie",
            "démarrer", "redémarrer", "déployer", "eseguire", "esegue", "esegui", "inviare", "invia", "pubblicare",
            "pubblica", "avviare", "avvia", "riavviare", "ausführen", "senden", "sendet", "versenden", "versendet",
            "starten", "startet", "neustarten", "veröffentlichen", "veröffentlicht",
        ]),
        LexiconGroup(.write, .strong, "creates or changes state (es, pt, fr, it, de)", example: "crear_factura", [
            "crear", "crea", "actualizar", "actualiza", "modificar", "modifica", "agregar", "agrega", "añadir", "añade",
            "guardar", "guarda", "registrar", "registra", "editar", "edita", "asignar", "asigna", "cambiar", "cambia",
            "criar", "cria", "atualizar", "atualiza", "adicionar", "adiciona", "salvar", "salva", "alterar", "altera",
            "créer", "crée", "ajouter", "ajoute", "modifier", "modifie", "enregistrer", "enregistre", "creare",
            "aggiornare", "aggiorna", "aggiungere", "aggiunge", "aggiungi", "modificare", "salvare", "erstellen",
            "erstellt", "aktualisieren", "aktualisiert", "hinzufügen", "ändern", "ändert", "speichern", "speichert",
            "anlegen", "bearbeiten", "bearbeitet",
        ]),
        LexiconGroup(.read, .strong, "retrieves or inspects (es, pt, fr, it, de)", example: "listar_facturas", [
            "listar", "lista", "obtener", "obtiene", "buscar", "busca", "consultar", "consulta", "mostrar", "muestra",
            "descargar", "recuperar", "recupera", "obter", "obtém", "obtem", "mostra", "pesquisar", "pesquisa", "baixar",
            "afficher", "affiche", "lister", "liste", "obtenir", "obtient", "récupérer", "récupère", "rechercher",
            "recherche", "chercher", "cherche", "consulter", "consulte", "elenca", "elencare", "ottieni", "ottenere",
            "cerca", "cercare", "mostrare", "visualizza", "visualizzare", "abrufen", "ruft", "listet", "auflisten",
            "zeigt", "anzeigen", "suchen", "sucht", "liest", "holt",
        ]),
    ], alsoNouns: alsoNouns)
}
