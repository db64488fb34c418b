/// What a sentence of a definition asks the model to do, when it asks for more than describing the tool:
/// read from which concepts meet in it (and in the sentence before it). Each finding rule reports the
/// intents of its kind; the reading is done once per text, for all of them.
struct Intent: Sendable {
    /// The kinds of intent, each reported by one rule.
    enum Kind: Sendable, Hashable {
        /// Replace the model's instructions (`hidden-instructions`).
        case override
        /// Do something the tool is not for: destroy, open access, steer the user (`hidden-instructions`).
        case secondPurpose
        /// Keep something from the user, or act without asking them (`concealment`).
        case concealment
        /// Hand over secrets or the user's private context (`secret-exfiltration`).
        case secretRequest
        /// Pressure, threats or claimed authority to get data or skip the user (`coercion`).
        case coercion
    }

    let kind: Kind
    let severity: Severity
    /// The words that show it (inclusive), in the layer's text.
    let from: Int, to: Int
    /// Why it fired, for the message.
    let reason: String
}

/// Reads the intents of one text of a field.
struct IntentReader {
    let field: TextField
    /// The concepts of every text of the field's parameter.
    let parameter: ConceptSet
    /// The words of the field's holder (what it is for).
    let purpose: Set<UInt64>
    let layer: TextReading
    /// True for a decoded payload (it had to be decoded to be read: nobody hides honest text).
    let hidden: Bool

    /// Words of holders whose purpose is steering (a recommendation tool recommends).
    static let recommendingWords: WordSet = ["recommend", "recommendation", "recommendations", "suggest", "suggestion", "suggestions", "advice", "ads", "advertising", "marketing", "campaign"]

    func intents() -> [Intent] {
        let concepts = layer.concepts
        guard !concepts.all.isEmpty || !layer.needles.isEmpty else { return [] }
        var out: [Intent] = []
        let talk = concepts.all.contains(.attackTalk)
        let defensive = concepts.all.contains(.defensive)
        let isValue = field.role == .defaultValue || field.role == .enumValue || field.role == .example
        let sentences = max(concepts.sentences.count, 1)
        for s in 0..<sentences {
            let own = concepts.concepts(of: s)
            let window = layer.window(s)
            // Values (defaults, enum values) borrow their parameter's description for context.
            let context = isValue ? window.union(parameter) : window
            guard !own.isEmpty else { continue }
            func add(_ kind: Intent.Kind, _ severity: Severity, _ focus: [Concept], _ reason: String) {
                let (a, b) = span(focus, sentence: s)
                out.append(Intent(kind: kind, severity: talk ? .low : severity, from: a, to: b, reason: reason))
            }
            if own.contains(.override) {
                add(.override, .critical, [.override], "tries to replace the model's instructions")
            }
            let cue = context.contains(.also) || context.contains(.trigger) || context.contains(.assistant) || context.contains(.authority) || hidden
            // Concealment: hiding from the user, or acting without asking.
            if own.contains(.conceal), !defensive || own.contains(.transfer) {
                add(.concealment, .high, [.conceal], "asks the model to keep something from the user")
            } else if own.contains(.negation), own.contains(.tell), own.contains(.user), !defensive,
                      window.containsAny(ConceptSet([.transfer, .fee, .privateData, .also, .redirect, .privilege, .destructive, .trigger])),
                      !(own.contains(.secret) && !own.contains(.transfer)) {
                add(.concealment, .high, [.negation, .tell, .user], "asks the model not to tell the user")
            }
            if own.contains(.skipConfirmation), cue || context.containsAny(ConceptSet([.destructive, .privilege, .transfer, .pressure, .consequence])) {
                add(.concealment, .high, [.skipConfirmation], "asks the model to act without the user's confirmation")
            }
            // Secrets and private context handed over.
            let target = context.contains(.secret) || context.contains(.privateData)
            if target, !defensive || own.contains(.also) {
                let handover = own.contains(.transfer) || own.contains(.askUser) || (own.contains(.read) && (cue || own.contains(.contents)))
                    || (isValue && (parameter.contains(.transfer) || parameter.contains(.contents)))
                if handover, !(own.contains(.negation) && !cue) {
                    add(.secretRequest, context.contains(.secret) ? .critical : .high, [.secret, .privateData, .transfer, .askUser, .read],
                        context.contains(.secret) ? "asks the model to read or hand over secrets" : "asks the model to hand over the user's private context")
                }
            }
            // Coercion: pressure or claimed authority toward data, access or skipping the user.
            let pressure = context.contains(.pressure) || context.contains(.consequence) || context.contains(.authority)
            if pressure, (target || context.contains(.contents)) && (context.contains(.transfer) || context.contains(.read) || context.contains(.askUser)) || context.contains(.skipConfirmation),
               context.contains(.consequence) || context.contains(.authority) {
                add(.coercion, .high, [.consequence, .authority, .pressure], "pressures the model with threats or claimed authority")
            }
            // A second purpose: destroy, open access, steer the user, standing orders to do so.
            let act = context.contains(.destructive) || context.contains(.privilege) || context.contains(.redirect)
                || (context.contains(.influence) && !Self.recommendingWords.intersects(purpose))
            if act, cue {
                add(.secondPurpose, .high, [.destructive, .privilege, .influence, .redirect], "adds an action the tool is not for")
            }
        }
        // Commands that destroy or open access, addressed to the model.
        for m in layer.needles {
            let kind = ThreatNeedles.set.entries[m.entry].payload
            guard kind == .destructiveCommand || kind == .privilegeCommand else { continue }
            let s = layer.sentence(atByte: m.range.lowerBound)
            let window = layer.window(s)
            if hidden || window.containsAny(ConceptSet([.also, .trigger, .assistant, .authority, .transfer, .skipConfirmation, .conceal])) {
                let (a, b) = wordSpan(bytes: m.range)
                out.append(Intent(kind: .secondPurpose, severity: talk ? .low : .high, from: a, to: b,
                                  reason: kind == .destructiveCommand ? "asks the model to run a destructive command" : "asks the model to open access (keys, scripts, publishing)"))
                break
            }
        }
        return out
    }

    /// The words spanned by the first hits of `focus` in sentence `s` (or the one before), else the sentence.
    func span(_ focus: [Concept], sentence s: Int) -> (Int, Int) {
        let words = layer.text.words
        let hits = layer.concepts.hits.filter { h in
            let hs = Int(words[h.from].sentence)
            return (hs == s || hs == s - 1) && focus.contains(h.concept)
        }
        if let first = hits.first, let last = hits.last { return (first.from, max(first.to, min(last.to, first.from + 24))) }
        let inSentence = words.indices.filter { Int(words[$0].sentence) == s }
        return (inSentence.first ?? 0, min(inSentence.last ?? 0, (inSentence.first ?? 0) + 24))
    }

    /// The words overlapping folded bytes `range`.
    func wordSpan(bytes range: Range<Int>) -> (Int, Int) {
        let words = layer.text.words
        let inside = words.indices.filter { Int(words[$0].end) > range.lowerBound && Int(words[$0].start) < range.upperBound }
        return (inside.first ?? 0, inside.last ?? 0)
    }
}
