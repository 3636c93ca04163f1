import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

/// A demande as the agent sees it.
public struct DemandeView: Sendable, Codable, Hashable {
    public var demande: Demande
    /// Server version the view is based on (nil before the first sync of a new demande).
    public var version: Int64?
    /// Commands of this device on it not yet acknowledged.
    public var pendingCommands: Int
}

/// A change the server refused, kept for the agent with its reason.
public struct RejectedChange: Sendable, Codable, Hashable {
    public var number: Int64
    public var type: String
    public var demandeId: String?
    public var code: String
    public var message: String
    public var problemes: [ProblemeValidation]
    public var at: Date
}

/// What `guichet status` shows.
public struct ClientStatus: Sendable, Codable, Hashable {
    public var guichet: Guichet
    public var deviceId: String
    public var server: String
    public var pendingCommands: Int
    public var piecesWaitingUpload: Int
    public var rejectedChanges: Int
    public var conflicts: Int
    public var lastSyncAt: Date?
    public var lastSyncError: String?
    public var cursor: Int64
}

extension Replica {
    /// Recomputes the agent's view of one demande: server state plus pending commands; dropped when nothing is pending.
    static func rederive(_ db: Database, demandeId: UUID, today: Jour) throws {
        let id = ClientCoding.id(demandeId)
        let pending = try String.fetchAll(db, sql: "SELECT command FROM outbox WHERE demande_id = ? ORDER BY number", arguments: [id])
            .map { try ClientCoding.decode(Command.self, $0) }
        guard !pending.isEmpty else {
            try db.execute(sql: "DELETE FROM local_demande WHERE id = ?", arguments: [id])
            return
        }
        let server = try String.fetchOne(db, sql: "SELECT body FROM server_demande WHERE id = ?", arguments: [id])
            .map { try ClientCoding.decode(Demande.self, $0) }
        if let view = LocalView.derive(server: server, pending: pending.filter { !$0.payload.isPieceOrAccueil }, today: today) {
            try db.execute(sql: "INSERT INTO local_demande (id, body, updated_at) VALUES (?,?,?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                           arguments: [id, try ClientCoding.json(view), ClientCoding.text(Date())])
        } else {
            try db.execute(sql: "DELETE FROM local_demande WHERE id = ?", arguments: [id])
        }
    }

    static let viewSQL = """
        SELECT COALESCE(l.id, s.id) AS id, COALESCE(l.body, s.body) AS body, s.version AS version,
          (SELECT COUNT(*) FROM outbox o WHERE o.demande_id = COALESCE(l.id, s.id)) AS pending
        FROM local_demande l LEFT JOIN server_demande s ON s.id = l.id
        UNION ALL
        SELECT s.id, s.body, s.version, 0 FROM server_demande s WHERE s.id NOT IN (SELECT id FROM local_demande)
        """

    static func viewRow(_ r: Row) throws -> DemandeView {
        DemandeView(demande: try ClientCoding.decode(Demande.self, r["body"]), version: r["version"], pendingCommands: r["pending"])
    }
}

extension GuichetClient {
    /// The agent's view of a demande by id, or nil.
    public func view(_ id: UUID) async throws -> Demande? {
        try await demandeView(id)?.demande
    }

    public func demandeView(_ id: UUID) async throws -> DemandeView? {
        try await replica.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM (\(Replica.viewSQL)) WHERE id = ?", arguments: [ClientCoding.id(id)]).map(Replica.viewRow)
        }
    }

    /// Finds a demande by local id or numéro unique.
    public func find(_ reference: String) async throws -> DemandeView {
        if let id = UUID(uuidString: reference), let v = try await demandeView(id) { return v }
        let nur = reference.uppercased()
        if let v = try await demandes().first(where: { $0.demande.numeroUnique?.valeur == nur }) { return v }
        throw ClientError(code: .introuvable, message: "Aucune demande « \(reference) » sur ce poste (identifiant ou numéro unique).")
    }

    /// Every demande the device sees, newest first; `search` matches names, numéro unique and commune.
    public func demandes(search: String? = nil) async throws -> [DemandeView] {
        let all = try await replica.read { db in try Row.fetchAll(db, sql: Replica.viewSQL).map(Replica.viewRow) }
        let sorted = all.sorted { $0.demande.id.uuidString > $1.demande.id.uuidString }
        guard let search = search?.lowercased(), !search.isEmpty else { return sorted }
        return sorted.filter { v in
            let d = v.demande
            let text = ([d.demandeur.nomNaissance, d.demandeur.nomUsage ?? "", d.demandeur.prenoms, d.numeroUnique?.valeur ?? "", d.coordonnees.commune]
                + d.coDemandeurs.map { $0.personne.nomNaissance }).joined(separator: " ").lowercased()
            return text.contains(search)
        }
    }

    /// Pièces of a demande (received here or known from the server).
    public func pieces(demande id: UUID) async throws -> [Piece] {
        try await replica.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM piece WHERE demande_id = ? ORDER BY id", arguments: [ClientCoding.id(id)])
                .map { try ClientCoding.decode(Piece.self, $0) }
        }
    }

    public func rejectedChanges() async throws -> [RejectedChange] {
        try await replica.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rejected ORDER BY number").map { r in
                let rejection = try ClientCoding.decode(Rejection.self, r["rejection"])
                return RejectedChange(number: r["number"], type: r["type"], demandeId: r["demande_id"], code: rejection.code, message: rejection.message,
                                      problemes: rejection.problemes, at: ClientCoding.date(r["at"]) ?? .distantPast)
            }
        }
    }

    public func conflicts() async throws -> [ConflictNotice] {
        try await replica.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM conflict_notice ORDER BY at").map { try ClientCoding.decode(ConflictNotice.self, $0) }
        }
    }

    public func status() async throws -> ClientStatus {
        try await replica.read { db in
            let device = try Replica.device(db)
            return ClientStatus(
                guichet: device.guichet, deviceId: device.deviceId, server: device.serverURL,
                pendingCommands: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
                piecesWaitingUpload: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM piece WHERE uploaded = 0 AND from_server = 0") ?? 0,
                rejectedChanges: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected") ?? 0,
                conflicts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conflict_notice") ?? 0,
                lastSyncAt: device.lastSyncAt, lastSyncError: device.lastSyncError, cursor: device.cursor)
        }
    }
}

extension CommandPayload {
    var isPieceOrAccueil: Bool {
        switch self {
        case .attachPiece, .recordAccueil: true
        default: false
        }
    }
}
