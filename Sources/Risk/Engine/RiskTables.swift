import Dispatch

/// The large tables every assessment reads (the phrase book, the learned readings, the needle automaton,
/// the lexicons, the rules sorted by kind), each built once per process on first use. Building them takes
/// a few milliseconds each; a command that knows an assessment is coming builds them ahead, side by side,
/// while it reads its input or waits for a server.
public enum RiskTables {
    /// Builds every table, each on a thread of its own where cores allow; returns when all are built.
    /// Safe to call from any thread, any number of times: a table another thread is building is waited for.
    public static func build() {
        let builders: [@Sendable () -> Void] = [
            { _ = PhraseBook.shared },
            { _ = LearnedReading.trained },
            { _ = ThreatReading.trained },
            { _ = ThreatNeedles.set },
            { _ = Assessor(learned: false) },
        ]
        DispatchQueue.concurrentPerform(iterations: builders.count) { builders[$0]() }
    }

    /// Starts `build()` on a background thread and returns at once.
    public static func buildInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { build() }
    }
}
