import Foundation
import GuichetDomain

/// `POST /v1/push`: a batch of consecutive commands from one device.
public struct PushRequest: Sendable, Hashable, Codable {
    public var commands: [Command]
    /// What the device still holds (for the métropole's network-health view).
    public var pending: PendingReport?
    public init(commands: [Command], pending: PendingReport? = nil) {
        self.commands = commands
        self.pending = pending
    }
    /// Largest batch the server takes in one request.
    public static let maximumCommands = 500
}

/// Work a device reports as not yet acknowledged.
public struct PendingReport: Sendable, Hashable, Codable {
    public var commands: Int
    public var pieces: Int
    public var oldestPendingSince: Date?
    public init(commands: Int, pieces: Int, oldestPendingSince: Date? = nil) {
        self.commands = commands
        self.pieces = pieces
        self.oldestPendingSince = oldestPendingSince
    }
}

/// The answer to a push: one outcome per command the server reached, in order.
public struct PushResponse: Sendable, Hashable, Codable {
    public var outcomes: [CommandOutcome]
    /// The device's last applied (or rejected) number after this push.
    public var lastApplied: Int64
    public init(outcomes: [CommandOutcome], lastApplied: Int64) {
        self.outcomes = outcomes
        self.lastApplied = lastApplied
    }
}

/// What happened to one command. Stored by the server and repeated in the pull stream.
public struct CommandOutcome: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Applied; `applied` carries the server-assigned values.
        case applied
        /// Refused for good; the device's number still advanced so the queue never blocks.
        case rejected
        /// Not applied and the number did not advance: send it again later (e.g. the pièce's bytes are incomplete).
        case retryLater
    }

    public var number: Int64
    public var status: Status
    public var applied: AppliedResult?
    public var rejection: Rejection?
    /// Fields the server kept because another guichet changed them meanwhile.
    public var conflicts: [ConflictNotice]
    /// True when this outcome was stored earlier and is being repeated (a replayed number).
    public var replayed: Bool

    public init(number: Int64, status: Status, applied: AppliedResult? = nil, rejection: Rejection? = nil,
                conflicts: [ConflictNotice] = [], replayed: Bool = false) {
        self.number = number
        self.status = status
        self.applied = applied
        self.rejection = rejection
        self.conflicts = conflicts
        self.replayed = replayed
    }
}

/// Server-assigned values of an applied command.
public struct AppliedResult: Sendable, Hashable, Codable {
    public var entityId: UUID
    /// The record's new version (demandes).
    public var version: Int64?
    public var numeroUnique: NumeroUnique?
    /// The server sequence of the change.
    public var seq: Int64
    public init(entityId: UUID, version: Int64? = nil, numeroUnique: NumeroUnique? = nil, seq: Int64) {
        self.entityId = entityId
        self.version = version
        self.numeroUnique = numeroUnique
        self.seq = seq
    }
}

/// Why a command was refused: a stable code, a French message, the field problems, and the server's state.
public struct Rejection: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    public var problemes: [ProblemeValidation]
    public var current: DemandeSnapshot?
    public init(code: RejectionCode, message: String, problemes: [ProblemeValidation] = [], current: DemandeSnapshot? = nil) {
        self.code = code.rawValue
        self.message = message
        self.problemes = problemes
        self.current = current
    }
}

/// Stable rejection codes (docs/PROTOCOL.md).
public enum RejectionCode: String, Sendable, Hashable, Codable, CaseIterable {
    case niveauInsuffisant, demandeInconnue, horsPerimetre, validation, transitionInterdite, champProtege,
        identifiantDejaUtilise, guichetIncoherent, pieceIncoherente
}

/// A concurrent edit the server did not apply: both values, both devices, both agents.
public struct ConflictNotice: Sendable, Hashable, Codable {
    public var conflictId: UUID
    public var demandeId: UUID
    public var path: String
    /// The value the server kept.
    public var serverValue: JSONValue
    /// The value the refused change wanted.
    public var proposedValue: JSONValue
    public var keptFrom: Origin?
    public var proposedBy: Origin

    public struct Origin: Sendable, Hashable, Codable {
        public var device: String
        public var guichet: String
        public var agent: String
        public init(device: String, guichet: String, agent: String) {
            self.device = device
            self.guichet = guichet
            self.agent = agent
        }
    }

    public init(conflictId: UUID, demandeId: UUID, path: String, serverValue: JSONValue, proposedValue: JSONValue, keptFrom: Origin?, proposedBy: Origin) {
        self.conflictId = conflictId
        self.demandeId = demandeId
        self.path = path
        self.serverValue = serverValue
        self.proposedValue = proposedValue
        self.keptFrom = keptFrom
        self.proposedBy = proposedBy
    }
}
