import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

/// `StoreTransaction` over one GRDB database access (inside `write` or `read`).
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    typealias C = StoreCoding

    func savepoint(_ body: () throws -> Bool) throws {
        try db.inSavepoint { try body() ? .commit : .rollback }
    }

    // MARK: Guichets, enrollment, devices

    func insertGuichet(_ row: GuichetRow) throws {
        try db.execute(sql: "INSERT INTO guichet (code, nom, commune_insee, niveau, type, created_at, revoked_at) VALUES (?,?,?,?,?,?,?)",
            arguments: [row.guichet.code, row.guichet.nom, row.guichet.communeInsee, row.guichet.niveau.rawValue, row.guichet.type.rawValue,
                        C.text(row.createdAt), row.revokedAt.map(C.text)])
    }

    func guichet(code: String) throws -> GuichetRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM guichet WHERE code = ?", arguments: [code]).map(Self.guichetRow)
    }

    func guichets() throws -> [GuichetRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM guichet ORDER BY code").map(Self.guichetRow)
    }

    func updateGuichet(_ row: GuichetRow) throws {
        try db.execute(sql: "UPDATE guichet SET nom = ?, commune_insee = ?, niveau = ?, type = ?, revoked_at = ? WHERE code = ?",
            arguments: [row.guichet.nom, row.guichet.communeInsee, row.guichet.niveau.rawValue, row.guichet.type.rawValue,
                        row.revokedAt.map(C.text), row.guichet.code])
    }

    static func guichetRow(_ r: Row) -> GuichetRow {
        GuichetRow(
            guichet: Guichet(code: r["code"], nom: r["nom"], communeInsee: r["commune_insee"], niveau: Niveau(rawValue: r["niveau"]) ?? .un,
                             type: TypeGuichet(rawValue: r["type"]) ?? .communal),
            createdAt: C.date(r["created_at"]) ?? .distantPast, revokedAt: C.date(r["revoked_at"]))
    }

    func insertEnrollmentCode(hash: String, guichetCode: String, expiresAt: Date) throws {
        try db.execute(sql: "INSERT INTO enrollment_code (code_hash, guichet_code, expires_at) VALUES (?,?,?)",
            arguments: [hash, guichetCode, C.text(expiresAt)])
    }

    func consumeEnrollmentCode(hash: String, now: Date) throws -> String? {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM enrollment_code WHERE code_hash = ? AND used_at IS NULL", arguments: [hash]),
            let expires = C.date(r["expires_at"]), expires > now
        else { return nil }
        try db.execute(sql: "UPDATE enrollment_code SET used_at = ? WHERE code_hash = ?", arguments: [C.text(now), hash])
        return r["guichet_code"]
    }

    func insertDevice(_ row: DeviceRow) throws {
        try db.execute(sql: """
            INSERT INTO device (id, guichet_code, name, token_hash, token_expires_at, created_at, last_applied, last_pull_seq)
            VALUES (?,?,?,?,?,?,?,?)
            """, arguments: [row.id, row.guichetCode, row.name, row.tokenHash, C.text(row.tokenExpiresAt), C.text(row.createdAt),
                             row.lastApplied, row.lastPullSeq])
        try updateDevice(row)
    }

    func device(id: String) throws -> DeviceRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM device WHERE id = ?", arguments: [id]).map(Self.deviceRow)
    }

    func device(tokenHash: String) throws -> DeviceRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM device WHERE token_hash = ?", arguments: [tokenHash]).map(Self.deviceRow)
    }

    func devices(guichetCode: String?) throws -> [DeviceRow] {
        if let g = guichetCode {
            return try Row.fetchAll(db, sql: "SELECT * FROM device WHERE guichet_code = ? ORDER BY created_at", arguments: [g]).map(Self.deviceRow)
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM device ORDER BY guichet_code, created_at").map(Self.deviceRow)
    }

    func updateDevice(_ row: DeviceRow) throws {
        try db.execute(sql: """
            UPDATE device SET name = ?, token_hash = ?, token_expires_at = ?, revoked_at = ?, last_applied = ?, last_seen_at = ?,
              last_pull_seq = ?, client_build = ?, clock_flagged_at = ?, clock_skew_ms = ?, pending_commands = ?, pending_pieces = ?
            WHERE id = ?
            """, arguments: [row.name, row.tokenHash, C.text(row.tokenExpiresAt), row.revokedAt.map(C.text), row.lastApplied,
                             row.lastSeenAt.map(C.text), row.lastPullSeq, row.clientBuild, row.clockFlaggedAt.map(C.text),
                             row.clockSkewMillis, row.pendingCommands, row.pendingPieces, row.id])
    }

    static func deviceRow(_ r: Row) -> DeviceRow {
        DeviceRow(id: r["id"], guichetCode: r["guichet_code"], name: r["name"], tokenHash: r["token_hash"],
                  tokenExpiresAt: C.date(r["token_expires_at"]) ?? .distantPast, createdAt: C.date(r["created_at"]) ?? .distantPast,
                  revokedAt: C.date(r["revoked_at"]), lastApplied: r["last_applied"], lastSeenAt: C.date(r["last_seen_at"]),
                  lastPullSeq: r["last_pull_seq"], clientBuild: r["client_build"], clockFlaggedAt: C.date(r["clock_flagged_at"]),
                  clockSkewMillis: r["clock_skew_ms"], pendingCommands: r["pending_commands"], pendingPieces: r["pending_pieces"])
    }

    // MARK: Demandes and scopes

    func demande(id: UUID) throws -> DemandeRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM demande WHERE id = ?", arguments: [id.uuidString.lowercased()]).map(Self.demandeRow)
    }

    func demande(numeroUnique: String) throws -> DemandeRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM demande WHERE numero_unique = ?", arguments: [numeroUnique]).map(Self.demandeRow)
    }

    func upsertDemande(_ row: DemandeRow) throws {
        try db.execute(sql: """
            INSERT INTO demande (id, numero_unique, version, statut, guichet_origine, updated_seq, body, field_origins)
            VALUES (?,?,?,?,?,?,?,?)
            ON CONFLICT(id) DO UPDATE SET numero_unique = excluded.numero_unique, version = excluded.version,
              statut = excluded.statut, updated_seq = excluded.updated_seq, body = excluded.body, field_origins = excluded.field_origins
            """, arguments: [row.demande.id.uuidString.lowercased(), row.demande.numeroUnique?.valeur, row.version, row.demande.statut.rawValue,
                             row.guichetOrigine, row.updatedSeq, try C.json(row.demande), try C.json(row.fieldOrigins)])
    }

    static func demandeRow(_ r: Row) throws -> DemandeRow {
        DemandeRow(demande: try C.decode(Demande.self, r["body"]), version: r["version"], guichetOrigine: r["guichet_origine"],
                   updatedSeq: r["updated_seq"], fieldOrigins: try C.decode([String: ConflictNotice.Origin].self, r["field_origins"]))
    }

    func addToScope(demandeId: UUID, guichetCode: String, seq: Int64) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO demande_scope (demande_id, guichet_code, since_seq) VALUES (?,?,?)",
            arguments: [demandeId.uuidString.lowercased(), guichetCode, seq])
        return db.changesCount > 0
    }

    func isInScope(demandeId: UUID, guichetCode: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM demande_scope WHERE demande_id = ? AND guichet_code = ?",
            arguments: [demandeId.uuidString.lowercased(), guichetCode]) ?? false
    }

    func scopeVersions(guichetCode: String?) throws -> [(UUID, Int64)] {
        let rows: [Row]
        if let g = guichetCode {
            rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.version FROM demande d JOIN demande_scope s ON s.demande_id = d.id WHERE s.guichet_code = ?
                """, arguments: [g])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT id, version FROM demande")
        }
        return rows.compactMap { r in UUID(uuidString: r["id"]).map { ($0, r["version"]) } }
    }

    func nextNumeroCounter(territoire: String, mois: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            INSERT INTO numero_counter (territoire, mois, last) VALUES (?, ?, 1)
            ON CONFLICT(territoire, mois) DO UPDATE SET last = last + 1 RETURNING last
            """, arguments: [territoire, mois])!
    }

    func ensureNumeroCounter(territoire: String, mois: String, atLeast value: Int) throws {
        try db.execute(sql: """
            INSERT INTO numero_counter (territoire, mois, last) VALUES (?, ?, ?)
            ON CONFLICT(territoire, mois) DO UPDATE SET last = MAX(last, excluded.last)
            """, arguments: [territoire, mois, value])
    }

    // MARK: Change stream

    func appendChange(_ change: NewChange) throws -> Int64 {
        try db.execute(sql: "INSERT INTO change_log (visibility, device_id, guichet_code, demande_id, for_all, body) VALUES (?,?,?,?,?,x'')",
            arguments: [change.visibility.rawValue, change.deviceId, change.guichetCode, change.demandeId?.uuidString.lowercased(), change.forAll])
        let seq = db.lastInsertedRowID
        try db.execute(sql: "UPDATE change_log SET body = ? WHERE seq = ?", arguments: [try change.body(seq), seq])
        return seq
    }

    func changes(after cursor: Int64, audience: Audience, limit: Int) throws -> [(Int64, Data)] {
        try Row.fetchAll(db, sql: """
            SELECT seq, body FROM change_log WHERE seq > :cursor AND (
              (visibility = 'device' AND device_id = :device)
              OR (visibility = 'guichet' AND (guichet_code = :guichet OR (:all AND for_all = 1)))
              OR (visibility = 'demande' AND (:all OR demande_id IN (SELECT demande_id FROM demande_scope WHERE guichet_code = :guichet))))
            ORDER BY seq LIMIT :limit
            """, arguments: ["cursor": cursor, "device": audience.deviceId, "guichet": audience.guichetCode, "all": audience.seesAll, "limit": limit])
        .map { ($0["seq"], $0["body"]) }
    }

    func maxSeq() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
    }

    // MARK: Outcomes, audit, conflicts

    func outcome(device: String, number: Int64) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT body FROM command_outcome WHERE device_id = ? AND number = ?", arguments: [device, number])
    }

    func saveOutcome(device: String, number: Int64, outcome: Data) throws {
        try db.execute(sql: "INSERT INTO command_outcome (device_id, number, body) VALUES (?,?,?)", arguments: [device, number, outcome])
    }

    func appendAudit(_ e: AuditEntry) throws {
        try db.execute(sql: """
            INSERT INTO audit (at, device_id, guichet_code, agent, hlc, command_number, action, entity_id, outcome, details)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """, arguments: [C.text(e.at), e.deviceId, e.guichetCode, e.agent, e.hlc, e.commandNumber, e.action, e.entityId, e.outcome, e.details])
    }

    func auditEntries(limit: Int) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map { r in
            AuditEntry(at: C.date(r["at"]) ?? .distantPast, deviceId: r["device_id"], guichetCode: r["guichet_code"], agent: r["agent"],
                       hlc: r["hlc"], commandNumber: r["command_number"], action: r["action"], entityId: r["entity_id"],
                       outcome: r["outcome"], details: r["details"])
        }
    }

    func insertConflict(_ row: ConflictRow) throws {
        try db.execute(sql: "INSERT INTO conflict (id, demande_id, created_at, body) VALUES (?,?,?,?)",
            arguments: [row.notice.conflictId.uuidString.lowercased(), row.notice.demandeId.uuidString.lowercased(),
                        C.text(row.createdAt), try C.json(row.notice)])
    }

    func conflict(id: UUID) throws -> ConflictRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM conflict WHERE id = ?", arguments: [id.uuidString.lowercased()]).map(Self.conflictRow)
    }

    func conflicts(includeResolved: Bool) throws -> [ConflictRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM conflict \(includeResolved ? "" : "WHERE resolved_at IS NULL") ORDER BY created_at")
            .map(Self.conflictRow)
    }

    func updateConflict(_ row: ConflictRow) throws {
        try db.execute(sql: "UPDATE conflict SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?",
            arguments: [row.resolvedAt.map(C.text), row.resolution?.rawValue, row.resolvedBy, row.notice.conflictId.uuidString.lowercased()])
    }

    static func conflictRow(_ r: Row) throws -> ConflictRow {
        ConflictRow(notice: try C.decode(ConflictNotice.self, r["body"]), createdAt: C.date(r["created_at"]) ?? .distantPast,
                    resolvedAt: C.date(r["resolved_at"]), resolution: (r["resolution"] as String?).flatMap(ConflictResolution.init(rawValue:)),
                    resolvedBy: r["resolved_by"])
    }

    // MARK: Pièces and accueil

    func insertPiece(_ row: PieceRow) throws {
        let p = row.piece
        try db.execute(sql: "INSERT INTO piece (id, demande_id, sha256, type, guichet_code, device_id, seq, recue_le, body) VALUES (?,?,?,?,?,?,?,?,?)",
            arguments: [p.id.uuidString.lowercased(), p.demandeId.uuidString.lowercased(), p.sha256, p.type.rawValue, p.guichetCode,
                        row.deviceId, row.seq, C.text(p.recueLe), try C.json(p)])
    }

    func piece(id: UUID) throws -> PieceRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM piece WHERE id = ?", arguments: [id.uuidString.lowercased()]).map { r in
            PieceRow(piece: try C.decode(Piece.self, r["body"]), deviceId: r["device_id"], seq: r["seq"])
        }
    }

    func blob(sha256: String) throws -> BlobRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM blob WHERE sha256 = ?", arguments: [sha256]).map {
            BlobRow(sha256: $0["sha256"], size: $0["size"], storedAt: C.date($0["stored_at"]) ?? .distantPast)
        }
    }

    func insertBlob(_ row: BlobRow) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO blob (sha256, size, stored_at) VALUES (?,?,?)",
            arguments: [row.sha256, row.size, C.text(row.storedAt)])
    }

    func blobVisible(sha256: String, audience: Audience) throws -> Bool {
        if audience.seesAll {
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM piece WHERE sha256 = ? LIMIT 1", arguments: [sha256]) ?? false
        }
        return try Bool.fetchOne(db, sql: """
            SELECT 1 FROM piece p JOIN demande_scope s ON s.demande_id = p.demande_id
            WHERE p.sha256 = ? AND s.guichet_code = ? LIMIT 1
            """, arguments: [sha256, audience.guichetCode]) ?? false
    }

    func accueilExists(id: UUID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM accueil WHERE id = ?", arguments: [id.uuidString.lowercased()]) ?? false
    }

    func pieces(demandeId: UUID) throws -> [Piece] {
        try String.fetchAll(db, sql: "SELECT body FROM piece WHERE demande_id = ? ORDER BY seq", arguments: [demandeId.uuidString.lowercased()])
            .map { try C.decode(Piece.self, $0) }
    }

    func upsertOffre(_ o: Offre) throws {
        try db.execute(sql: """
            INSERT INTO offre (id, bailleur, reference, statut, body) VALUES (?,?,?,?,?)
            ON CONFLICT(id) DO UPDATE SET statut = excluded.statut, body = excluded.body
            """, arguments: [o.id.uuidString.lowercased(), o.bailleur, o.referenceBailleur, o.statut.rawValue, try C.json(o)])
    }

    func offre(id: UUID) throws -> Offre? {
        try String.fetchOne(db, sql: "SELECT body FROM offre WHERE id = ?", arguments: [id.uuidString.lowercased()]).map { try C.decode(Offre.self, $0) }
    }

    func offre(bailleur: String, reference: String) throws -> Offre? {
        try String.fetchOne(db, sql: "SELECT body FROM offre WHERE bailleur = ? AND reference = ?", arguments: [bailleur, reference])
            .map { try C.decode(Offre.self, $0) }
    }

    func offres() throws -> [Offre] {
        try String.fetchAll(db, sql: "SELECT body FROM offre ORDER BY bailleur, reference").map { try C.decode(Offre.self, $0) }
    }

    func appendOffreEvent(_ e: OffreEvent) throws {
        try db.execute(sql: "INSERT INTO offre_event (offre_id, at, par, type, details) VALUES (?,?,?,?,?)",
            arguments: [e.offreId.uuidString.lowercased(), C.text(e.at), e.par, e.type, e.details])
    }

    func offreEvents(offreId: UUID) throws -> [OffreEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM offre_event WHERE offre_id = ? ORDER BY id", arguments: [offreId.uuidString.lowercased()]).map {
            OffreEvent(offreId: offreId, at: C.date($0["at"]) ?? .distantPast, par: $0["par"], type: $0["type"], details: $0["details"])
        }
    }

    func demandeSnapshots(after cursor: Int64, limit: Int) throws -> [(Int64, Data)] {
        try Row.fetchAll(db, sql: "SELECT seq, body FROM change_log WHERE visibility = 'demande' AND seq > ? ORDER BY seq LIMIT ?",
            arguments: [cursor, limit]).map { ($0["seq"], $0["body"]) }
    }

    func insertAccueil(_ row: AccueilRow) throws {
        let a = row.accueil
        try db.execute(sql: "INSERT INTO accueil (id, guichet_code, type, le, demande_id, device_id, received_at, seq, body) VALUES (?,?,?,?,?,?,?,?,?)",
            arguments: [a.id.uuidString.lowercased(), a.guichetCode, a.type.rawValue, C.text(a.le), row.demandeId?.uuidString.lowercased(),
                        row.deviceId, C.text(row.receivedAt), row.seq, try C.json(a)])
    }

    // MARK: Pilotage

    func appendFait(_ f: FaitPilotage) throws {
        try db.execute(sql: "INSERT INTO pilotage_fait (nature, guichet_code, jour, entite, code, valeur, detail, recu_le_ms) VALUES (?,?,?,?,?,?,?,?)",
            arguments: [f.nature.rawValue, f.guichet, f.jour.description, f.entite?.uuidString.lowercased(), f.code, f.valeur,
                        try C.faitDetail(f), C.millis(f.recuLe)])
    }

    func faits(after id: Int64, limit: Int) throws -> [(Int64, FaitPilotage)] {
        try Row.fetchAll(db, sql: "SELECT * FROM pilotage_fait WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]).map { r in
            (r["id"], try C.fait(nature: r["nature"], guichet: r["guichet_code"], jour: r["jour"], entite: r["entite"], code: r["code"],
                                 valeur: r["valeur"], detail: r["detail"], recuLe: r["recu_le_ms"]))
        }
    }

    func insertStaff(_ row: StaffRow) throws {
        try db.execute(sql: "INSERT INTO staff (login, nom, password_hash, created_at) VALUES (?,?,?,?)",
            arguments: [row.login, row.nom, row.passwordHash, C.text(row.createdAt)])
        try updateStaff(row)
    }

    func staff(login: String) throws -> StaffRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE login = ?", arguments: [login]).map(Self.staffRow)
    }

    func staffs() throws -> [StaffRow] { try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY login").map(Self.staffRow) }

    func updateStaff(_ row: StaffRow) throws {
        try db.execute(sql: "UPDATE staff SET nom = ?, password_hash = ?, disabled_at = ?, last_login_at = ? WHERE login = ?",
            arguments: [row.nom, row.passwordHash, row.disabledAt.map(C.text), row.lastLoginAt.map(C.text), row.login])
    }

    static func staffRow(_ r: Row) -> StaffRow {
        StaffRow(login: r["login"], nom: r["nom"], passwordHash: r["password_hash"], createdAt: C.date(r["created_at"]) ?? .distantPast,
                 disabledAt: C.date(r["disabled_at"]), lastLoginAt: C.date(r["last_login_at"]))
    }
}
