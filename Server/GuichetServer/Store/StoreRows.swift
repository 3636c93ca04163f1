import Foundation
import GuichetDomain
import GuichetProtocol

/// A guichet as stored, with its revocation state.
public struct GuichetRow: Sendable, Hashable, Codable {
    public var guichet: Guichet
    public var createdAt: Date
    public var revokedAt: Date?
    public init(guichet: Guichet, createdAt: Date, revokedAt: Date? = nil) {
        self.guichet = guichet
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// An enrolled device; only the token's SHA-256 is stored.
public struct DeviceRow: Sendable, Hashable, Codable {
    public var id: String
    public var guichetCode: String
    public var name: String
    public var tokenHash: String
    public var tokenExpiresAt: Date
    public var createdAt: Date
    public var revokedAt: Date?
    /// Highest command number applied or rejected (the exactly-once high-water mark).
    public var lastApplied: Int64
    public var lastSeenAt: Date?
    public var lastPullSeq: Int64
    public var clientBuild: String?
    /// Set when the device sent a stamp too far ahead of server time.
    public var clockFlaggedAt: Date?
    public var clockSkewMillis: Int64?
    public var pendingCommands: Int?
    public var pendingPieces: Int?
}

/// A demande as stored: the domain value, its version, who created it, and the origin of each field's value.
public struct DemandeRow: Sendable, Hashable {
    public var demande: Demande
    public var version: Int64
    public var guichetOrigine: String
    public var updatedSeq: Int64
    /// Path → who last set it (to tell both sides of a conflict who they disagree with).
    public var fieldOrigins: [String: ConflictNotice.Origin]

    public var snapshot: DemandeSnapshot { DemandeSnapshot(demande: demande, version: version, guichetOrigine: guichetOrigine) }
}

/// A change to append to the stream, with who may see it.
public struct NewChange: Sendable {
    public enum Visibility: String, Sendable { case device, guichet, demande }
    public var visibility: Visibility
    public var deviceId: String?
    public var guichetCode: String?
    public var demandeId: UUID?
    /// For `guichet` visibility: also shown to métropole devices (accueil events).
    public var forAll: Bool
    /// Encodes the body once the sequence is known.
    public var body: @Sendable (Int64) throws -> Data

    public init(visibility: Visibility, deviceId: String? = nil, guichetCode: String? = nil, demandeId: UUID? = nil,
                forAll: Bool = false, body: @escaping @Sendable (Int64) throws -> Data) {
        self.visibility = visibility
        self.deviceId = deviceId
        self.guichetCode = guichetCode
        self.demandeId = demandeId
        self.forAll = forAll
        self.body = body
    }
}

/// One line of the audit trail: who changed what, when (server time and device HLC).
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    public var deviceId: String?
    public var guichetCode: String?
    public var agent: String?
    public var hlc: String?
    public var commandNumber: Int64?
    public var action: String
    public var entityId: String?
    public var outcome: String
    /// Non-personal details (codes, paths — never values of personal fields).
    public var details: String?

    public init(at: Date, deviceId: String?, guichetCode: String?, agent: String?, hlc: String?, commandNumber: Int64?,
                action: String, entityId: String?, outcome: String, details: String? = nil) {
        self.at = at
        self.deviceId = deviceId
        self.guichetCode = guichetCode
        self.agent = agent
        self.hlc = hlc
        self.commandNumber = commandNumber
        self.action = action
        self.entityId = entityId
        self.outcome = outcome
        self.details = details
    }
}

public struct ConflictRow: Sendable, Hashable {
    public var notice: ConflictNotice
    public var createdAt: Date
    public var resolvedAt: Date?
    public var resolution: ConflictResolution?
    public var resolvedBy: String?

    public var record: ConflictRecord {
        ConflictRecord(notice: notice, createdAt: createdAt, resolvedAt: resolvedAt, resolution: resolution)
    }
}

/// An audited step of an offer's life: published, modified, candidates designated, attributed, withdrawn.
public struct OffreEvent: Sendable, Hashable, Codable {
    public var offreId: UUID
    public var at: Date
    /// Who: `device:<id>` or `cli:<name>`.
    public var par: String
    public var type: String
    /// Non-personal details (changed fields, designated demande ids, grid version).
    public var details: String?
    public init(offreId: UUID, at: Date, par: String, type: String, details: String? = nil) {
        self.offreId = offreId
        self.at = at
        self.par = par
        self.type = type
        self.details = details
    }
}

public struct PieceRow: Sendable, Hashable {
    public var piece: Piece
    public var deviceId: String
    public var seq: Int64
}

public struct BlobRow: Sendable, Hashable {
    public var sha256: String
    public var size: Int64
    public var storedAt: Date
}

public struct AccueilRow: Sendable, Hashable {
    public var accueil: Accueil
    public var demandeId: UUID?
    public var deviceId: String
    public var receivedAt: Date
    public var seq: Int64
}

/// A métropole staff account of the pilotage dashboard. The password is stored as a bcrypt hash only.
public struct StaffRow: Sendable, Hashable {
    public var login: String
    public var nom: String
    public var passwordHash: String
    public var createdAt: Date
    public var disabledAt: Date?
    public var lastLoginAt: Date?
    public init(login: String, nom: String, passwordHash: String, createdAt: Date, disabledAt: Date? = nil, lastLoginAt: Date? = nil) {
        self.login = login
        self.nom = nom
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.lastLoginAt = lastLoginAt
    }
}
