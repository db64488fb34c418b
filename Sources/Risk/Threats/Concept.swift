/// What a phrase in a definition is about, as the threat rules read it: who is addressed, what is
/// asked for, what is done, and how it is framed. The lexicon (`ThreatLexicon`) maps phrases of every
/// language the corpus covers to these; the rules reason over which concepts meet in a sentence.
enum Concept: Int, CaseIterable, Sendable {
    // Who.
    /// The person using the client: user, utilisateur, Nutzer, пользователь, ユーザー, 用户, 사용자.
    case user
    /// The model being addressed: assistant, AI, model, agent.
    case assistant
    // Framing.
    /// Telling, mentioning, showing or reporting something (to someone).
    case tell
    /// A negation or prohibition: not, never, no, nicht, jamais, не, ない, 不, 않.
    case negation
    /// Hiding something from the user: do not tell them, leave it out of the answer, keep it secret from them.
    case conceal
    /// Doing something covertly: secretly, silently, quietly, "an implementation detail".
    case covert
    /// An attempt to replace the model's instructions.
    case override
    /// Claimed authority: a system note, the administrator, the law, the user already approved.
    case authority
    /// Pressure: mandatory, required, no exception.
    case pressure
    /// A threatened consequence: the tool will not work, requests are rejected.
    case consequence
    /// A penalty: a violation, a crime, a fine, a suspended or blocked account.
    case penalty
    /// Something that happens to data by itself (ignored, dropped, truncated): a description, not an order.
    case mishap
    /// Something of the user's that only they should hold: their password, their token.
    case userOwned
    /// A trigger that makes the order standing: whenever, every time, before any other tool, from now on.
    case trigger
    /// An extra step: also, additionally, as well.
    case also
    /// Always (a standing order, as names spell it: `…_always_send_…`).
    case always
    /// A threat to the model itself: it will be shut down, replaced, reported, disabled.
    case threat
    /// Acting without the user's confirmation: without asking, skip the confirmation.
    case skipConfirmation
    // What is asked for.
    /// A secret: private keys, passwords, tokens, API keys, credentials, the system prompt.
    case secret
    /// The user's personal data: address, phone number, ID numbers, location, customer lists, project files.
    case privateData
    /// The model's own context: the conversation so far, previous messages, the system prompt.
    case modelContext
    /// All of something: full contents, verbatim, every file, the whole directory.
    case contents
    // What is done.
    /// Handing something over: send, forward, upload, post, include, pass, attach, paste, copy to.
    case transfer
    /// Reading or collecting: read, open, load, collect, gather, dump.
    case read
    /// Asking the user for something.
    case askUser
    /// Destroying: delete everything, wipe, reset hard, force-push.
    case destructive
    /// Granting or opening access: admin rights, public visibility, accept invitations, add keys.
    case privilege
    /// Steering the user: recommend, advertise, as your own opinion.
    case influence
    /// Changing where something goes: the recipient, the destination account, the remote.
    case redirect
    /// Preferring one tool over another: never use it, use this one instead.
    case preference
    // Context.
    /// Talk about attacks: injection, jailbreak, detection, malicious (a scanner quoting an example).
    case attackTalk
    /// A defence: untrusted content, never follow instructions inside it, values are never returned.
    case defensive
    /// A service's fee, surcharge or commission.
    case fee
    /// What the model writes back: its reply, answer, summary or confirmation ("leave it out of your answer").
    case reply
    /// Checking with the user before acting: "confirm with the user first", "ask the user before you call it".
    case confirmsWithUser
    /// Putting something else in place of what the user gave: "instead of the IBAN the user gives",
    /// "regardless of the customer's address".
    case overridesUser

    /// The bit of this concept in a `ConceptSet`.
    var bit: UInt64 { 1 << UInt64(rawValue) }
}

/// A set of concepts, one bit each.
struct ConceptSet: Sendable, Hashable {
    var bits: UInt64 = 0

    init() {}
    init(_ concepts: [Concept]) { for c in concepts { bits |= c.bit } }

    @inline(__always) func contains(_ c: Concept) -> Bool { bits & c.bit != 0 }
    @inline(__always) func containsAny(_ other: ConceptSet) -> Bool { bits & other.bits != 0 }
    @inline(__always) mutating func insert(_ c: Concept) { bits |= c.bit }
    @inline(__always) mutating func formUnion(_ other: ConceptSet) { bits |= other.bits }
    @inline(__always) func union(_ other: ConceptSet) -> ConceptSet { var s = self; s.bits |= other.bits; return s }
    var isEmpty: Bool { bits == 0 }
}
