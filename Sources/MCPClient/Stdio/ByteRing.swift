import Foundation

/// The last `capacity` bytes written to it, thread-safe: what a server said on stderr, kept
/// bounded however much it writes.
final class ByteRing: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var storage: [UInt8] = []
    private var start = 0
    private var total = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends bytes, dropping the oldest beyond the capacity.
    func append(_ bytes: UnsafeRawBufferPointer) {
        lock.lock(); defer { lock.unlock() }
        total += bytes.count
        let incoming = bytes.count > capacity ? UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - capacity)...]) : bytes
        for byte in incoming {
            if storage.count < capacity { storage.append(byte) } else { storage[start] = byte; start = (start + 1) % capacity }
        }
    }

    /// The bytes kept, oldest first.
    var contents: [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return Array(storage[start...] + storage[..<start])
    }

    /// How many bytes were ever appended.
    var totalBytes: Int {
        lock.lock(); defer { lock.unlock() }
        return total
    }
}
