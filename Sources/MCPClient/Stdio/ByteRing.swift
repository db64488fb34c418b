import Foundation

/// The last `capacity` bytes written to it, thread-safe: what a server said on stderr, kept
/// bounded however much it writes. An append is at most two `memcpy`s whatever its size, so a
/// server flooding stderr costs us little more than the reads.
final class ByteRing: @unchecked Sendable {
    private let lock = NSLock()
    /// The most bytes kept.
    let capacity: Int
    private var storage: [UInt8] = []
    /// Where the next byte goes; once the ring is full, also where the oldest kept byte is.
    private var end = 0
    private var filled = 0
    private var total = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends bytes, dropping the oldest beyond the capacity.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        total += bytes.count
        if storage.isEmpty { storage = [UInt8](repeating: 0, count: capacity) }
        // Only the last `capacity` bytes of a large append can survive it.
        let count = min(bytes.count, capacity)
        let source = base + (bytes.count - count)
        let capacity = self.capacity
        let end = self.end
        storage.withUnsafeMutableBytes { ring in
            let first = min(count, capacity - end)
            (ring.baseAddress! + end).copyMemory(from: source, byteCount: first)
            if first < count { ring.baseAddress!.copyMemory(from: source + first, byteCount: count - first) }
        }
        self.end = (end + count) % capacity
        filled = min(capacity, filled + count)
    }

    /// The bytes kept, oldest first.
    var contents: [UInt8] {
        lock.lock(); defer { lock.unlock() }
        if filled < capacity { return Array(storage[0..<filled]) }
        return Array(storage[end...] + storage[..<end])
    }

    /// How many bytes were ever appended.
    var totalBytes: Int {
        lock.lock(); defer { lock.unlock() }
        return total
    }
}
