import Foundation
import GuichetDomain

/// `GET /v1/pull?cursor=N&limit=M`: the changes after `cursor` that the device may see, in server order.
/// The server's sequence is the only cursor; the device applies a page and stores `nextCursor` in one transaction.
public struct PullPage: Sendable, Hashable, Codable {
    public var changes: [Change]
    /// Store this as the new cursor once the page is applied.
    public var nextCursor: Int64
    public var hasMore: Bool
    /// On the last page: what the device's view of its scope must add up to at `nextCursor`.
    public var checkpoint: Checkpoint?

    public init(changes: [Change], nextCursor: Int64, hasMore: Bool, checkpoint: Checkpoint? = nil) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.checkpoint = checkpoint
    }

    public static let defaultLimit = 500
    public static let maximumLimit = 5000
}

/// One entry of the change stream.
public struct Change: Sendable, Hashable, Codable {
    public var seq: Int64
    public var body: ChangeBody
    public init(seq: Int64, body: ChangeBody) {
        self.seq = seq
        self.body = body
    }
}

/// What a change carries. Encoded as `{"type": "demande", "demande": {…}}`.
public enum ChangeBody: Sendable, Hashable, Codable {
    /// A demande's new state (also how a demande enters the device's scope).
    case demande(DemandeSnapshot)
    /// The demande left the device's scope, or was purged: a tombstone, kept.
    case demandeRemoved(UUID)
    case piece(Piece)
    case accueil(Accueil)
    /// The outcome of one of this device's commands (so a device that lost the HTTP answer still learns it).
    case outcome(CommandOutcome)
    /// A conflict recorded on a demande this guichet edited.
    case conflict(ConflictNotice)

    enum CodingKeys: String, CodingKey { case type, demande, demandeRemoved, piece, accueil, outcome, conflict }

    public var type: String {
        switch self {
        case .demande: "demande"
        case .demandeRemoved: "demandeRemoved"
        case .piece: "piece"
        case .accueil: "accueil"
        case .outcome: "outcome"
        case .conflict: "conflict"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "demande": self = .demande(try c.decode(DemandeSnapshot.self, forKey: .demande))
        case "demandeRemoved": self = .demandeRemoved(try c.decode(UUID.self, forKey: .demandeRemoved))
        case "piece": self = .piece(try c.decode(Piece.self, forKey: .piece))
        case "accueil": self = .accueil(try c.decode(Accueil.self, forKey: .accueil))
        case "outcome": self = .outcome(try c.decode(CommandOutcome.self, forKey: .outcome))
        case "conflict": self = .conflict(try c.decode(ConflictNotice.self, forKey: .conflict))
        case let other: throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "type de changement inconnu « \(other) »")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .demande(let v): try c.encode(v, forKey: .demande)
        case .demandeRemoved(let v): try c.encode(v, forKey: .demandeRemoved)
        case .piece(let v): try c.encode(v, forKey: .piece)
        case .accueil(let v): try c.encode(v, forKey: .accueil)
        case .outcome(let v): try c.encode(v, forKey: .outcome)
        case .conflict(let v): try c.encode(v, forKey: .conflict)
        }
    }
}

/// A demande as the server holds it, with its version.
public struct DemandeSnapshot: Sendable, Hashable, Codable {
    public var demande: Demande
    public var version: Int64
    /// The guichet that created it.
    public var guichetOrigine: String
    public init(demande: Demande, version: Int64, guichetOrigine: String) {
        self.demande = demande
        self.version = version
        self.guichetOrigine = guichetOrigine
    }
}

/// What the device's view of its scope must add up to at `seq`: number of demandes and an order-independent
/// digest of their (id, version) pairs (`ScopeDigest`).
public struct Checkpoint: Sendable, Hashable, Codable {
    public var seq: Int64
    public var count: Int
    public var digest: String
    public init(seq: Int64, count: Int, digest: String) {
        self.seq = seq
        self.count = count
        self.digest = digest
    }
}

/// `GET /v1/reconcile`: the ids and versions of the device's scope, when a cursor cannot be served.
public struct ReconcileResponse: Sendable, Hashable, Codable {
    public var seq: Int64
    public var demandes: [VersionEntry]
    public struct VersionEntry: Sendable, Hashable, Codable {
        public var id: UUID
        public var version: Int64
        public init(id: UUID, version: Int64) {
            self.id = id
            self.version = version
        }
    }
    public init(seq: Int64, demandes: [VersionEntry]) {
        self.seq = seq
        self.demandes = demandes
    }
}

/// Order-independent digest of a set of (id, version): the wrapping sum of FNV-1a 64 hashes, in hex.
/// Incremental on both sides; equal sets give equal digests whatever the order.
public struct ScopeDigest: Sendable, Hashable {
    public private(set) var sum: UInt64 = 0
    public private(set) var count = 0
    public init() {}

    public mutating func add(id: UUID, version: Int64) {
        sum &+= ScopeDigest.fnv1a("\(id.uuidString.lowercased()):\(version)")
        count += 1
    }

    public var hex: String {
        let s = String(sum, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
