import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

extension SyncEngine {
    /// Pulls pages until `hasMore` is false; each page and its cursor in one transaction; verifies the checkpoint.
    /// A cursor the server cannot serve, or a checkpoint that does not add up, leads to a full re-pull of the
    /// server's state — never to a loss of the outbox or of the agent's pending edits.
    func pullAll(_ api: ServerAPI, _ report: inout SyncReport) async throws {
        var resynced = false
        while true {
            let cursor = try await replica.read { db in try Replica.device(db).cursor }
            let page: PullPage
            do {
                page = try await withRetry(&report) { try await api.json(PullPage.self, "GET", "/pull?cursor=\(cursor)&limit=\(pageLimit)") }
            } catch APIError.problem(let p) where p.code == ProblemCode.cursorAhead.rawValue && !resynced {
                try await resetServerState()
                resynced = true
                report.fullResync = true
                continue
            }
            let today = Jour(Date(), timeZone: .paris)
            let verified = try await replica.write { db -> Bool? in
                try Self.apply(db, page: page, today: today)
                guard let checkpoint = page.checkpoint else { return nil }
                return try Self.digest(db) == (checkpoint.count, checkpoint.digest)
            }
            report.pulled += page.changes.count
            report.cursor = page.nextCursor
            emit("réception", report)
            if page.hasMore { continue }
            if verified == false && !resynced {
                try await resetServerState()
                resynced = true
                report.fullResync = true
                continue
            }
            report.checkpointVerified = verified ?? false
            return
        }
    }

    /// Forgets the server's state (not the outbox, not local edits) and rewinds the cursor, for a full re-pull.
    func resetServerState() async throws {
        try await replica.write { db in
            try db.execute(sql: "DELETE FROM server_demande")
            var device = try Replica.device(db)
            device.cursor = 0
            try Replica.saveDevice(db, device)
        }
    }

    static func digest(_ db: Database) throws -> (Int, String) {
        var digest = ScopeDigest()
        for row in try Row.fetchAll(db, sql: "SELECT id, version FROM server_demande") {
            if let id = UUID(uuidString: row["id"]) { digest.add(id: id, version: row["version"]) }
        }
        return (digest.count, digest.hex)
    }

    /// Applies one page in the caller's transaction and stores the cursor.
    static func apply(_ db: Database, page: PullPage, today: Jour) throws {
        var touched = Set<String>()
        for change in page.changes {
            switch change.body {
            case .demande(let s):
                let id = ClientCoding.id(s.demande.id)
                let current = try Int64.fetchOne(db, sql: "SELECT version FROM server_demande WHERE id = ?", arguments: [id])
                if current == nil || current! <= s.version {
                    try db.execute(sql: """
                        INSERT INTO server_demande (id, version, numero_unique, body) VALUES (?,?,?,?)
                        ON CONFLICT(id) DO UPDATE SET version = excluded.version, numero_unique = excluded.numero_unique, body = excluded.body
                        """, arguments: [id, s.version, s.demande.numeroUnique?.valeur, try ClientCoding.json(s.demande)])
                }
                if let nur = s.demande.numeroUnique {
                    // Pièces received offline for a numéro unique now known on this device.
                    try db.execute(sql: "UPDATE piece SET demande_id = ? WHERE demande_id IS NULL AND demande_ref = ?", arguments: [id, nur.valeur])
                }
                touched.insert(id)
            case .demandeRemoved(let uuid):
                let id = ClientCoding.id(uuid)
                try db.execute(sql: "DELETE FROM server_demande WHERE id = ?", arguments: [id])
                touched.insert(id)
            case .piece(let p):
                try db.execute(sql: """
                    INSERT INTO piece (id, demande_id, demande_ref, sha256, taille, body, uploaded, from_server) VALUES (?,?,?,?,?,?,1,1)
                    ON CONFLICT(id) DO UPDATE SET demande_id = excluded.demande_id, body = excluded.body, uploaded = 1
                    """, arguments: [ClientCoding.id(p.id), ClientCoding.id(p.demandeId), ClientCoding.id(p.demandeId), p.sha256, p.taille, try ClientCoding.json(p)])
            case .accueil(let a):
                try db.execute(sql: "INSERT INTO accueil (id, body, from_server) VALUES (?,?,1) ON CONFLICT(id) DO UPDATE SET body = excluded.body, from_server = 1",
                               arguments: [ClientCoding.id(a.id), try ClientCoding.json(a)])
            case .outcome(let o):
                // The answer to a push whose HTTP response was lost.
                if let id = try acknowledge(db, o) { touched.insert(id) }
            case .conflict(let n):
                try db.execute(sql: "INSERT OR IGNORE INTO conflict_notice (id, demande_id, body, at) VALUES (?,?,?,?)",
                               arguments: [ClientCoding.id(n.conflictId), ClientCoding.id(n.demandeId), try ClientCoding.json(n), ClientCoding.text(Date())])
            }
        }
        var device = try Replica.device(db)
        device.cursor = page.nextCursor
        try Replica.saveDevice(db, device)
        for id in touched { if let uuid = UUID(uuidString: id) { try Replica.rederive(db, demandeId: uuid, today: today) } }
    }
}
