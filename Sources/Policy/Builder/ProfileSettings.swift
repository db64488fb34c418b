import Risk

/// What a profile does with one category of tool or action.
enum Treatment: Sendable, Hashable {
    case allow
    case limit(max: Int, window: PolicyWindow)
    /// Listed but every call denied (the agent sees the tool and learns why).
    case deny
    /// Removed from the agent's view.
    case hide

    /// True when calls may go through (perhaps limited).
    var permitsCalls: Bool {
        switch self {
        case .allow, .limit: true
        case .deny, .hide: false
        }
    }

    /// Calls per day this treatment permits (for picking the strictest of several); nil = unlimited.
    var callsPerDay: Int? {
        guard case .limit(let max, let window) = self else { return nil }
        switch window {
        case .minute: return max * 1440
        case .hour: return max * 24
        case .day: return max
        }
    }
}

/// The numbers behind each profile (the table on `PolicyProfile`).
struct ProfileSettings: Sendable {
    let profile: PolicyProfile

    /// The treatment of a tool (or action) of this category. Financial tools with an amount are
    /// handled separately (`amountLimits`). `runnable` says the tool takes code, a command, SQL, an
    /// image or a URL to call (`RunnableInput`): the recommended profile denies such execution.
    func treatment(for category: Category, runnable: Bool = false) -> Treatment {
        switch (profile, category) {
        case (.strict, .read): .limit(max: 60, window: .minute)
        case (.strict, .write), (.strict, .execute): .deny
        case (.strict, .destructive), (.strict, .financial): .hide
        case (.recommended, .read): .allow
        case (.recommended, .write): .limit(max: 30, window: .minute)
        case (.recommended, .execute): runnable ? .deny : .limit(max: 10, window: .minute)
        case (.recommended, .destructive), (.recommended, .financial): .deny
        case (.permissive, .read): .allow
        case (.permissive, .write): .limit(max: 60, window: .minute)
        case (.permissive, .execute): .limit(max: 30, window: .minute)
        case (.permissive, .destructive), (.permissive, .financial): .deny
        }
    }

    /// The treatment of a tool whose severity a finding raised.
    var raisedByFinding: Treatment { profile == .strict ? .hide : .deny }

    /// Per-call ceiling and daily total for an amount, in major currency units; nil = no amount
    /// calls at all (the tool is hidden).
    var amountLimits: (perCall: Int, perDay: Int)? {
        switch profile {
        case .strict: nil
        case .recommended: (100, 1_000)
        case .permissive: (1_000, 10_000)
        }
    }
}
