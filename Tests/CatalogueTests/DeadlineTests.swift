import Foundation
import Testing
@testable import Catalogue

/// The per-server deadline holds whether or not the work honours cancellation.
@Suite struct DeadlineTests {
    @Test func fastWorkGivesItsValue() async {
        let (value, task) = await Deadline.run(seconds: 30) { 42 }
        #expect(value == 42)
        await task.value
    }

    @Test func workThatIgnoresCancellationIsAbandonedAtTheDeadline() async {
        let (value, _) = await Deadline.run(seconds: 0.2) { () async -> Int in
            await Hang.shared.forever()
            return 1
        }
        #expect(value == nil)
    }

    @Test func cooperativeWorkIsCancelledAtTheDeadline() async {
        let sawCancellation = Mutable(false)
        let (value, task) = await Deadline.run(seconds: 0) { () async -> Int in
            while !Task.isCancelled { try? await Task.sleep(nanoseconds: 5_000_000) }
            sawCancellation.value = true
            return 1
        }
        #expect(value == nil)
        await task.value
        #expect(sawCancellation.value)
    }

    @Test func cancellingTheWaiterEndsTheWait() async {
        let waiter = Task { await Deadline.run(seconds: 3600) { () async -> Int in await Hang.shared.forever(); return 1 }.value }
        waiter.cancel()
        #expect(await waiter.value == nil)
    }
}
