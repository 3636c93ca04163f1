import Foundation
import GuichetDomain
import GuichetProtocol

/// A guichet with its devices, as `guichet list` shows it.
public struct GuichetListing: Sendable, Codable, Hashable {
    public var guichet: Guichet
    public var createdAt: Date
    public var revokedAt: Date?
    public var devices: [DeviceSummary]
}

/// A device as staff see it (never its token).
public struct DeviceSummary: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var tokenExpiresAt: Date
    public var lastApplied: Int64
    public var lastSeenAt: Date?
    public var clientBuild: String?
    public var clockFlaggedAt: Date?
    public var pendingCommands: Int?
    public var pendingPieces: Int?

    init(_ d: DeviceRow) {
        id = d.id; name = d.name; createdAt = d.createdAt; revokedAt = d.revokedAt; tokenExpiresAt = d.tokenExpiresAt
        lastApplied = d.lastApplied; lastSeenAt = d.lastSeenAt; clientBuild = d.clientBuild; clockFlaggedAt = d.clockFlaggedAt
        pendingCommands = d.pendingCommands; pendingPieces = d.pendingPieces
    }
}

/// Typed refusals of the administration commands (the CLI prints `message` and exits non-zero).
public struct AdminError: Error, Sendable, CustomStringConvertible {
    public let code: String
    public let message: String
    public var description: String { message }
}

extension SyncService {
    /// Creates a guichet and returns its first one-time enrollment code.
    /// - Throws: `AdminError` when the definition is invalid or the code is taken.
    public func addGuichet(_ guichet: Guichet) async throws -> String {
        let problemes = guichet.problemes
        guard problemes.isEmpty else { throw AdminError(code: "validation", message: problemes.map(\.message).joined(separator: " ")) }
        let now = clock.now()
        let code = Secrets.makeEnrollmentCode()
        let expires = now.addingTimeInterval(configuration.enrollmentCodeLifetime)
        try await store.write { tx in
            guard try tx.guichet(code: guichet.code) == nil else {
                throw AdminError(code: "exists", message: "Le code guichet \(guichet.code) existe déjà.")
            }
            try tx.insertGuichet(GuichetRow(guichet: guichet, createdAt: now))
            try tx.insertEnrollmentCode(hash: Secrets.hash(code), guichetCode: guichet.code, expiresAt: expires)
            try tx.appendAudit(AuditEntry(at: now, deviceId: nil, guichetCode: guichet.code, agent: "cli", hlc: nil, commandNumber: nil,
                                          action: "guichet.add", entityId: guichet.code, outcome: "applied"))
        }
        return code
    }

    /// A new one-time enrollment code for an existing guichet (another device, or a replaced laptop).
    public func newEnrollmentCode(guichet code: String) async throws -> String {
        let now = clock.now()
        let secret = Secrets.makeEnrollmentCode()
        let expires = now.addingTimeInterval(configuration.enrollmentCodeLifetime)
        try await store.write { tx in
            guard let g = try tx.guichet(code: code), g.revokedAt == nil else {
                throw AdminError(code: "notFound", message: "Aucun guichet actif ne porte le code \(code).")
            }
            try tx.insertEnrollmentCode(hash: Secrets.hash(secret), guichetCode: code, expiresAt: expires)
        }
        return secret
    }

    public func guichets() async throws -> [GuichetListing] {
        try await store.read { tx in
            try tx.guichets().map { g in
                GuichetListing(guichet: g.guichet, createdAt: g.createdAt, revokedAt: g.revokedAt,
                               devices: try tx.devices(guichetCode: g.guichet.code).map(DeviceSummary.init))
            }
        }
    }

    /// Revokes a guichet (all its devices lose access at once).
    public func revokeGuichet(code: String) async throws {
        let now = clock.now()
        try await store.write { tx in
            guard var g = try tx.guichet(code: code) else { throw AdminError(code: "notFound", message: "Aucun guichet ne porte le code \(code).") }
            g.revokedAt = g.revokedAt ?? now
            try tx.updateGuichet(g)
            try tx.appendAudit(AuditEntry(at: now, deviceId: nil, guichetCode: code, agent: "cli", hlc: nil, commandNumber: nil,
                                          action: "guichet.revoke", entityId: code, outcome: "applied"))
        }
    }

    /// Revokes one device (a lost laptop); its pending work stays on the laptop, nothing accepted is touched.
    public func revokeDevice(id: String) async throws {
        let now = clock.now()
        try await store.write { tx in
            guard var d = try tx.device(id: id) else { throw AdminError(code: "notFound", message: "Aucun appareil ne porte l'identifiant \(id).") }
            d.revokedAt = d.revokedAt ?? now
            try tx.updateDevice(d)
            try tx.appendAudit(AuditEntry(at: now, deviceId: id, guichetCode: d.guichetCode, agent: "cli", hlc: nil, commandNumber: nil,
                                          action: "device.revoke", entityId: id, outcome: "applied"))
        }
    }

    // MARK: Conflicts

    public func conflicts(includeResolved: Bool) async throws -> [ConflictRecord] {
        try await store.read { tx in try tx.conflicts(includeResolved: includeResolved).map(\.record) }
    }

    /// Resolves a conflict. `applyProposed` writes the refused value as a new version (told to every device through
    /// the stream); `keepServer` only closes it.
    /// - Throws: `Problem` `.notFound`, `.conflictAlreadyResolved`, `.validationFailed`.
    public func resolveConflict(id: UUID, resolution: ConflictResolution, by who: String) async throws -> ConflictRecord {
        let now = clock.now()
        return try await store.write { tx in
            guard var row = try tx.conflict(id: id) else { throw Problem(.notFound, detail: "Aucun conflit \(id.uuidString.lowercased()).") }
            guard row.resolvedAt == nil else { throw Problem(.conflictAlreadyResolved, detail: "Ce conflit a déjà été résolu.") }
            if resolution == .applyProposed, let d = try tx.demande(id: row.notice.demandeId) {
                let demande: Demande
                do {
                    var json = try JSONValue(encoding: d.demande)
                    try json.set(row.notice.proposedValue, at: row.notice.path)
                    demande = try json.decode(Demande.self).normalisee()
                } catch {
                    // Conflicts recorded before paths were checked may not apply (see CommandProcessor.update).
                    throw Problem(.validationFailed, detail: "La valeur proposée ne s'applique pas au champ « \(row.notice.path) » : gardez la valeur du serveur.")
                }
                let problemes = ValidationDemande.problemes(demande, au: Jour(now, timeZone: .paris), communesConnues: configuration.communesConnues)
                guard problemes.isEmpty else {
                    throw Problem(.validationFailed, detail: "La valeur proposée rend la demande invalide.", problemes: problemes)
                }
                let version = d.version + 1
                let snapshot = DemandeSnapshot(demande: demande, version: version, guichetOrigine: d.guichetOrigine)
                let seq = try tx.appendChange(NewChange(visibility: .demande, demandeId: demande.id) { seq in
                    try WireCoding.encoder.encode(Change(seq: seq, body: .demande(snapshot)))
                })
                var origins = d.fieldOrigins
                origins[row.notice.path] = row.notice.proposedBy
                try tx.upsertDemande(DemandeRow(demande: demande, version: version, guichetOrigine: d.guichetOrigine, updatedSeq: seq, fieldOrigins: origins))
                try tx.appendFait(.etat(demande, guichetOrigine: d.guichetOrigine, pieces: try tx.pieces(demandeId: demande.id), guichet: nil,
                                        jour: Jour(now, timeZone: .paris), recuLe: now))
            }
            row.resolvedAt = now
            row.resolution = resolution
            row.resolvedBy = who
            try tx.updateConflict(row)
            try tx.appendAudit(AuditEntry(at: now, deviceId: nil, guichetCode: nil, agent: who, hlc: nil, commandNumber: nil,
                action: "conflict.resolve", entityId: id.uuidString.lowercased(), outcome: "applied", details: resolution.rawValue))
            return row.record
        }
    }
}
