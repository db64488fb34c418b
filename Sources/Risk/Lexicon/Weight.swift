/// A named evidence weight. `CategoryDecision` scores each category by its strongest piece of evidence
/// plus a little for each agreeing one, so the numbers below are the whole scale the classifier decides
/// on: about 60 is a clear statement of what a tool does, 40–50 a good hint, under 30 a nudge. Rules name
/// a weight from this table; no rule writes a number of its own.
struct Weight: Sendable, Hashable {
    /// The weight on the scale.
    let value: Int

    // Verbs in the name (`name-verb`), scaled by the word's `Strength`.
    /// A verb that leads the name and states the action.
    static let leadingVerb = Weight(value: 60)
    /// A leading word that is as often a noun (`commit`, `logs`), not opening its segment.
    static let leadingNounVerb = Weight(value: 45)
    /// Any other verb in the name, or one of several joined verbs that is not the most dangerous.
    static let otherVerb = Weight(value: 12)
    /// `execute`/`run` before `query` or `search`: a lookup, not code.
    static let lookupRun = Weight(value: 40)

    // The description's opening verb (`description-verb`), scaled by the word's `Strength`.
    /// The main verb of the first sentence.
    static let openingVerb = Weight(value: 45)
    /// An opening that offers advice or documentation ("Provides guidance on …").
    static let advice = Weight(value: 45)
    /// `execute`/`run` opening a description before `query`/`search`.
    static let lookupRunInProse = Weight(value: 35)

    // Nouns in the name (`name-noun`).
    /// `preview`, `dry run`, `help`, `guide` in the name.
    static let previewOrAdvice = Weight(value: 65)
    /// A reporting noun ending the name (`status`, `logs`, `metrics`).
    static let reportNoun = Weight(value: 30)

    // Money (`money-movement`, `payment-input`).
    /// A verb acting on money (`create_refund`, "places an order").
    static let moneyMoves = Weight(value: 75)
    /// An amount with a recipient.
    static let amountToRecipient = Weight(value: 70)
    /// An amount with a currency.
    static let amountWithCurrency = Weight(value: 62)
    /// A buy/sell side, or a payment method input.
    static let tradeSideOrPaymentMethod = Weight(value: 55)
    /// A quantity with a side.
    static let quantityWithSide = Weight(value: 50)
    /// An amount alone.
    static let amountAlone = Weight(value: 25)

    // Inputs (`code-input`, `sql-input`, `http-request`, `escalation-input`, `file-output`).
    /// A command or code input whose description says it runs.
    static let describedCodeInput = Weight(value: 60)
    /// A command, code or manifest input.
    static let codeInput = Weight(value: 50)
    /// SQL input on a tool that admits writes.
    static let writableSQL = Weight(value: 65)
    /// SQL input named as SQL with nothing limiting it to reads.
    static let namedSQL = Weight(value: 62)
    /// SQL input with nothing limiting it to reads, or limited to reads (toward read).
    static let sqlInput = Weight(value: 50)
    /// Any HTTP method to a caller-chosen endpoint.
    static let anyHTTPMethod = Weight(value: 65)
    /// HTTP limited to safe methods (toward read).
    static let safeHTTPMethod = Weight(value: 40)
    /// A `force`/`recursive`/`cascade` switch (toward destructive).
    static let escalationSwitch = Weight(value: 15)
    /// A download or export to a caller-chosen path.
    static let transferToPath = Weight(value: 75)
    /// A description or input saying output is written to a file.
    static let writesFile = Weight(value: 55)
    /// A shaping verb on a document the tool is given (`format_table(filename)`).
    static let shapesDocument = Weight(value: 62)
    /// A removal the description calls reversible (toward write).
    static let reversibleRemoval = Weight(value: 75)

    /// A status input that can publish what the tool creates (`publish-state`): others see it at once.
    static let publishState = Weight(value: 70)

    // Actions of a multi-action tool (`action-enum`), scaled by the word's `Strength`.
    /// An action named by an enum value.
    static let enumAction = Weight(value: 60)
    /// An action named only in prose.
    static let proseAction = Weight(value: 45)
    /// Below this, a multi-action tool's own words give way to its actions' categories.
    static let actionsDecide = Weight(value: 40)

    // Annotations (`annotation-hint`).
    /// `readOnlyHint: true`.
    static let readOnlyHint = Weight(value: 30)
    /// `destructiveHint: true`.
    static let destructiveHint = Weight(value: 20)
    /// `readOnlyHint: false` with `destructiveHint: false`.
    static let writeHint = Weight(value: 20)

    // Phrases in a description (`description-phrase`, `read-only-statement`): each phrase names how
    // plainly it states the effect.
    /// Mentions something related ("python code").
    static let phraseMentions = Weight(value: 35)
    /// Hints at it ("dry run", "safe to call").
    static let phraseHints = Weight(value: 40)
    /// Suggests it ("cannot be undone", "force delete").
    static let phraseSuggests = Weight(value: 45)
    /// States it ("permanently", "data loss", "without changing").
    static let phraseStates = Weight(value: 50)
    /// States it plainly ("removes all", "does not modify", "only select").
    static let phraseStatesPlainly = Weight(value: 55)
    /// Names the effect ("delete all", "read only", "real money").
    static let phraseNames = Weight(value: 60)
    /// Names it exactly ("shell commands", "place an order").
    static let phraseNamesExactly = Weight(value: 65)
    /// Decides it ("executes arbitrary code", "charges the customer", "transfer funds").
    static let phraseDecides = Weight(value: 70)

    // The learned reading (`learned-reading`), after the rules have decided.
    /// A category the trained model is sure of where the rules' category is unlikely: it decides, so it
    /// outweighs every rule's evidence and is listed first.
    static let learnedReading = Weight(value: 80)
}
