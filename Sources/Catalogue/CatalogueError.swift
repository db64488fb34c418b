import Foundation
import JSON

/// Why a catalogue operation failed. Every case names the file (and key or line) concerned.
public enum CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read or written.
    case io(path: String, detail: String)
    /// The file is not valid JSON.
    case invalidJSON(path: String, detail: String)
    /// The file has a member this version does not know.
    case unknownKey(path: String, key: String)
    /// A required member is missing.
    case missingKey(path: String, key: String)
    /// A member has the wrong type or an invalid value.
    case invalidValue(path: String, key: String, detail: String)
    /// The file was written by a newer mcprisk whose format this one cannot read.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A stored tool hash does not match its definition: the file was edited by hand or corrupted.
    case hashMismatch(path: String, tool: String)
    /// A file read back after writing differs from what was written.
    case readBackMismatch(path: String)
    /// Another refresh holds the catalogue's lock.
    case locked(path: String, holder: String)
    /// Shard outputs do not fit together (wrong count, missing or repeated index, foreign server).
    case shardMismatch(String)
    /// A shard specification such as `2/8` is malformed.
    case invalidShard(String)
    /// A pin (lock) file line is malformed.
    case invalidLockFile(path: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case .io(let p, let d): "\(p): \(d)"
        case .invalidJSON(let p, let d): "\(p): \(d)"
        case .unknownKey(let p, let k): "\(p): unknown key \"\(k)\" (written by a newer mcprisk, or edited by hand?)"
        case .missingKey(let p, let k): "\(p): missing required key \"\(k)\""
        case .invalidValue(let p, let k, let d): "\(p): invalid value at \"\(k)\": \(d)"
        case .newerSchema(let p, let f, let s): "\(p): schemaVersion \(f) is newer than this mcprisk supports (\(s)); upgrade mcprisk"
        case .hashMismatch(let p, let t): "\(p): stored hash of tool \"\(t)\" does not match its definition (hand-edited or corrupted; snapshots are written by `mcprisk catalogue refresh` only)"
        case .readBackMismatch(let p): "\(p): the file read back after writing differs from what was written; the old file was kept"
        case .locked(let p, let h): "\(p): another refresh holds the catalogue lock (\(h)); wait for it or remove the lock if that process is gone"
        case .shardMismatch(let d): "shard outputs do not fit together: \(d)"
        case .invalidShard(let d): "invalid shard \"\(d)\": expected I/N with 0 <= I < N, e.g. 0/4"
        case .invalidLockFile(let p, let l, let d): "\(p):\(l): \(d)"
        }
    }
}
