import Foundation

/// What one `sync` did (printed on the terminal, or as JSON with `--json`).
public struct SyncReport: Sendable, Codable, Hashable {
    public var pushed = 0
    public var applied = 0
    public var rejected = 0
    public var piecesUploaded = 0
    public var bytesUploaded: Int64 = 0
    public var bytesResent: Int64 = 0
    public var pulled = 0
    public var cursor: Int64 = 0
    public var checkpointVerified = false
    public var fullResync = false
    public var pendingCommands = 0
    /// Set when the queue made no progress and why (e.g. a pièce whose upload keeps failing).
    public var stuck: String?
    public var retries = 0
    /// The server had been restored from a backup: pending commands were renumbered from this number.
    public var renumberedFrom: Int64?
    /// The device token was renewed during this sync (it was about to expire).
    public var tokenRotated = false

    public init() {}
}

/// Progress of a long sync, for the terminal.
public struct SyncProgress: Sendable {
    public var phase: String
    public var pushed: Int
    public var pulled: Int
    public var bytesUploaded: Int64
}
