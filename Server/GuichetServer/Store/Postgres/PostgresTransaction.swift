import Foundation
import GuichetDomain
import GuichetProtocol
import Logging
import NIOCore
import PostgresNIO

/// `StoreTransaction` over one PostgreSQL connection inside BEGIN … COMMIT, called from a blocking-pool thread.
struct PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger
    typealias C = StoreCoding

    func execute(_ query: PostgresQuery) throws {
        _ = try connection.query(query, logger: logger).wait()
    }

    func rows(_ query: PostgresQuery) throws -> [PGRow] {
        try connection.query(query, logger: logger).wait().rows.map { PGRow(row: $0.makeRandomAccess()) }
    }

    func one(_ query: PostgresQuery) throws -> PGRow? { try rows(query).first }

    func savepoint(_ body: () throws -> Bool) throws {
        try execute("SAVEPOINT command")
        do {
            if try body() { try execute("RELEASE SAVEPOINT command") } else { try execute("ROLLBACK TO SAVEPOINT command") }
        } catch {
            try execute("ROLLBACK TO SAVEPOINT command")
            throw error
        }
    }

    // MARK: Guichets, enrollment, devices

    func insertGuichet(_ row: GuichetRow) throws {
        let g = row.guichet
        try execute("""
            INSERT INTO guichet (code, nom, commune_insee, niveau, type, created_at, revoked_at)
            VALUES (\(g.code), \(g.nom), \(g.communeInsee), \(g.niveau.rawValue), \(g.type.rawValue), \(C.text(row.createdAt)), \(row.revokedAt.map(C.text)))
            """)
    }

    func guichet(code: String) throws -> GuichetRow? { try one("SELECT * FROM guichet WHERE code = \(code)").map(Self.guichetRow) }
    func guichets() throws -> [GuichetRow] { try rows("SELECT * FROM guichet ORDER BY code").map(Self.guichetRow) }

    func updateGuichet(_ row: GuichetRow) throws {
        let g = row.guichet
        try execute("""
            UPDATE guichet SET nom = \(g.nom), commune_insee = \(g.communeInsee), niveau = \(g.niveau.rawValue), type = \(g.type.rawValue),
              revoked_at = \(row.revokedAt.map(C.text)) WHERE code = \(g.code)
            """)
    }

    static func guichetRow(_ r: PGRow) throws -> GuichetRow {
        GuichetRow(guichet: Guichet(code: try r.get("code"), nom: try r.get("nom"), communeInsee: try r.get("commune_insee"),
                                    niveau: Niveau(rawValue: try r.get("niveau", as: Int.self)) ?? .un,
                                    type: TypeGuichet(rawValue: try r.get("type")) ?? .communal),
                   createdAt: C.date(try r.get("created_at")) ?? .distantPast, revokedAt: C.date(try r.get("revoked_at")))
    }

    func insertEnrollmentCode(hash: String, guichetCode: String, expiresAt: Date) throws {
        try execute("INSERT INTO enrollment_code (code_hash, guichet_code, expires_at) VALUES (\(hash), \(guichetCode), \(C.text(expiresAt)))")
    }

    func consumeEnrollmentCode(hash: String, now: Date) throws -> String? {
        guard let r = try one("SELECT * FROM enrollment_code WHERE code_hash = \(hash) AND used_at IS NULL FOR UPDATE"),
            let expires = C.date(try r.get("expires_at")), expires > now
        else { return nil }
        try execute("UPDATE enrollment_code SET used_at = \(C.text(now)) WHERE code_hash = \(hash)")
        return try r.get("guichet_code")
    }

    func insertDevice(_ row: DeviceRow) throws {
        try execute("""
            INSERT INTO device (id, guichet_code, name, token_hash, token_expires_at, created_at, last_applied, last_pull_seq)
            VALUES (\(row.id), \(row.guichetCode), \(row.name), \(row.tokenHash), \(C.text(row.tokenExpiresAt)), \(C.text(row.createdAt)),
                    \(row.lastApplied), \(row.lastPullSeq))
            """)
        try updateDevice(row)
    }

    func device(id: String) throws -> DeviceRow? { try one("SELECT * FROM device WHERE id = \(id)").map(Self.deviceRow) }
    func device(tokenHash: String) throws -> DeviceRow? { try one("SELECT * FROM device WHERE token_hash = \(tokenHash)").map(Self.deviceRow) }

    func devices(guichetCode: String?) throws -> [DeviceRow] {
        if let g = guichetCode { return try rows("SELECT * FROM device WHERE guichet_code = \(g) ORDER BY created_at").map(Self.deviceRow) }
        return try rows("SELECT * FROM device ORDER BY guichet_code, created_at").map(Self.deviceRow)
    }

    func updateDevice(_ row: DeviceRow) throws {
        try execute("""
            UPDATE device SET name = \(row.name), token_hash = \(row.tokenHash), token_expires_at = \(C.text(row.tokenExpiresAt)),
              revoked_at = \(row.revokedAt.map(C.text)), last_applied = \(row.lastApplied), last_seen_at = \(row.lastSeenAt.map(C.text)),
              last_pull_seq = \(row.lastPullSeq), client_build = \(row.clientBuild), clock_flagged_at = \(row.clockFlaggedAt.map(C.text)),
              clock_skew_ms = \(row.clockSkewMillis), pending_commands = \(row.pendingCommands), pending_pieces = \(row.pendingPieces)
            WHERE id = \(row.id)
            """)
    }

    static func deviceRow(_ r: PGRow) throws -> DeviceRow {
        DeviceRow(id: try r.get("id"), guichetCode: try r.get("guichet_code"), name: try r.get("name"), tokenHash: try r.get("token_hash"),
                  tokenExpiresAt: C.date(try r.get("token_expires_at")) ?? .distantPast, createdAt: C.date(try r.get("created_at")) ?? .distantPast,
                  revokedAt: C.date(try r.get("revoked_at")), lastApplied: try r.get("last_applied"), lastSeenAt: C.date(try r.get("last_seen_at")),
                  lastPullSeq: try r.get("last_pull_seq"), clientBuild: try r.get("client_build"), clockFlaggedAt: C.date(try r.get("clock_flagged_at")),
                  clockSkewMillis: try r.get("clock_skew_ms"), pendingCommands: (try r.get("pending_commands", as: Int64?.self)).map(Int.init),
                  pendingPieces: (try r.get("pending_pieces", as: Int64?.self)).map(Int.init))
    }

    // MARK: Demandes and scopes

    func demande(id: UUID) throws -> DemandeRow? {
        try one("SELECT * FROM demande WHERE id = \(id.uuidString.lowercased())").map(Self.demandeRow)
    }

    func demande(numeroUnique: String) throws -> DemandeRow? {
        try one("SELECT * FROM demande WHERE numero_unique = \(numeroUnique)").map(Self.demandeRow)
    }

    func upsertDemande(_ row: DemandeRow) throws {
        try execute("""
            INSERT INTO demande (id, numero_unique, version, statut, guichet_origine, updated_seq, body, field_origins)
            VALUES (\(row.demande.id.uuidString.lowercased()), \(row.demande.numeroUnique?.valeur), \(row.version), \(row.demande.statut.rawValue),
                    \(row.guichetOrigine), \(row.updatedSeq), \(try C.json(row.demande)), \(try C.json(row.fieldOrigins)))
            ON CONFLICT (id) DO UPDATE SET numero_unique = excluded.numero_unique, version = excluded.version, statut = excluded.statut,
              updated_seq = excluded.updated_seq, body = excluded.body, field_origins = excluded.field_origins
            """)
    }

    static func demandeRow(_ r: PGRow) throws -> DemandeRow {
        DemandeRow(demande: try C.decode(Demande.self, try r.get("body")), version: try r.get("version"), guichetOrigine: try r.get("guichet_origine"),
                   updatedSeq: try r.get("updated_seq"), fieldOrigins: try C.decode([String: ConflictNotice.Origin].self, try r.get("field_origins")))
    }

    func addToScope(demandeId: UUID, guichetCode: String, seq: Int64) throws -> Bool {
        let inserted = try rows("""
            INSERT INTO demande_scope (demande_id, guichet_code, since_seq) VALUES (\(demandeId.uuidString.lowercased()), \(guichetCode), \(seq))
            ON CONFLICT DO NOTHING RETURNING demande_id
            """)
        return !inserted.isEmpty
    }

    func isInScope(demandeId: UUID, guichetCode: String) throws -> Bool {
        try one("SELECT 1 AS x FROM demande_scope WHERE demande_id = \(demandeId.uuidString.lowercased()) AND guichet_code = \(guichetCode)") != nil
    }

    func scopeVersions(guichetCode: String?) throws -> [(UUID, Int64)] {
        let result: [PGRow]
        if let g = guichetCode {
            result = try rows("SELECT d.id, d.version FROM demande d JOIN demande_scope s ON s.demande_id = d.id WHERE s.guichet_code = \(g)")
        } else {
            result = try rows("SELECT id, version FROM demande")
        }
        return try result.compactMap { r in
            guard let id = UUID(uuidString: try r.get("id")) else { return nil }
            return (id, try r.get("version", as: Int64.self))
        }
    }

    func nextNumeroCounter(territoire: String, mois: String) throws -> Int {
        let r = try one("""
            INSERT INTO numero_counter (territoire, mois, last) VALUES (\(territoire), \(mois), 1)
            ON CONFLICT (territoire, mois) DO UPDATE SET last = numero_counter.last + 1 RETURNING last
            """)
        return Int(try r!.get("last", as: Int64.self))
    }

    func ensureNumeroCounter(territoire: String, mois: String, atLeast value: Int) throws {
        try execute("""
            INSERT INTO numero_counter (territoire, mois, last) VALUES (\(territoire), \(mois), \(Int64(value)))
            ON CONFLICT (territoire, mois) DO UPDATE SET last = GREATEST(numero_counter.last, excluded.last)
            """)
    }

    // MARK: Change stream

    func appendChange(_ change: NewChange) throws -> Int64 {
        let seq: Int64 = try one("SELECT nextval('change_seq') AS seq")!.get("seq")
        let body = ByteBuffer(bytes: try change.body(seq))
        try execute("""
            INSERT INTO change_log (seq, visibility, device_id, guichet_code, demande_id, for_all, body)
            VALUES (\(seq), \(change.visibility.rawValue), \(change.deviceId), \(change.guichetCode), \(change.demandeId?.uuidString.lowercased()),
                    \(change.forAll), \(body))
            """)
        return seq
    }

    func changes(after cursor: Int64, audience: Audience, limit: Int) throws -> [(Int64, Data)] {
        try rows("""
            SELECT seq, body FROM change_log WHERE seq > \(cursor) AND (
              (visibility = 'device' AND device_id = \(audience.deviceId))
              OR (visibility = 'guichet' AND (guichet_code = \(audience.guichetCode) OR (\(audience.seesAll) AND for_all)))
              OR (visibility = 'demande' AND (\(audience.seesAll) OR demande_id IN (SELECT demande_id FROM demande_scope WHERE guichet_code = \(audience.guichetCode)))))
            ORDER BY seq LIMIT \(limit)
            """).map { r in (try r.get("seq"), Data((try r.get("body", as: ByteBuffer.self)).readableBytesView)) }
    }

    func maxSeq() throws -> Int64 {
        try one("SELECT COALESCE(MAX(seq), 0) AS m FROM change_log")!.get("m")
    }

    // MARK: Outcomes, audit, conflicts

    func outcome(device: String, number: Int64) throws -> Data? {
        try one("SELECT body FROM command_outcome WHERE device_id = \(device) AND number = \(number)")
            .map { Data((try $0.get("body", as: ByteBuffer.self)).readableBytesView) }
    }

    func saveOutcome(device: String, number: Int64, outcome: Data) throws {
        try execute("INSERT INTO command_outcome (device_id, number, body) VALUES (\(device), \(number), \(ByteBuffer(bytes: outcome)))")
    }

    func appendAudit(_ e: AuditEntry) throws {
        try execute("""
            INSERT INTO audit (at, device_id, guichet_code, agent, hlc, command_number, action, entity_id, outcome, details)
            VALUES (\(C.text(e.at)), \(e.deviceId), \(e.guichetCode), \(e.agent), \(e.hlc), \(e.commandNumber), \(e.action), \(e.entityId), \(e.outcome), \(e.details))
            """)
    }

    func auditEntries(limit: Int) throws -> [AuditEntry] {
        try rows("SELECT * FROM audit ORDER BY id DESC LIMIT \(limit)").map { r in
            AuditEntry(at: C.date(try r.get("at")) ?? .distantPast, deviceId: try r.get("device_id"), guichetCode: try r.get("guichet_code"),
                       agent: try r.get("agent"), hlc: try r.get("hlc"), commandNumber: try r.get("command_number"), action: try r.get("action"),
                       entityId: try r.get("entity_id"), outcome: try r.get("outcome"), details: try r.get("details"))
        }
    }

    func insertConflict(_ row: ConflictRow) throws {
        try execute("""
            INSERT INTO conflict (id, demande_id, created_at, body)
            VALUES (\(row.notice.conflictId.uuidString.lowercased()), \(row.notice.demandeId.uuidString.lowercased()), \(C.text(row.createdAt)), \(try C.json(row.notice)))
            """)
    }

    func conflict(id: UUID) throws -> ConflictRow? {
        try one("SELECT * FROM conflict WHERE id = \(id.uuidString.lowercased()) FOR UPDATE").map(Self.conflictRow)
    }

    func conflicts(includeResolved: Bool) throws -> [ConflictRow] {
        try rows(includeResolved ? "SELECT * FROM conflict ORDER BY created_at" : "SELECT * FROM conflict WHERE resolved_at IS NULL ORDER BY created_at")
            .map(Self.conflictRow)
    }

    func updateConflict(_ row: ConflictRow) throws {
        try execute("""
            UPDATE conflict SET resolved_at = \(row.resolvedAt.map(C.text)), resolution = \(row.resolution?.rawValue), resolved_by = \(row.resolvedBy)
            WHERE id = \(row.notice.conflictId.uuidString.lowercased())
            """)
    }

    static func conflictRow(_ r: PGRow) throws -> ConflictRow {
        ConflictRow(notice: try C.decode(ConflictNotice.self, try r.get("body")), createdAt: C.date(try r.get("created_at")) ?? .distantPast,
                    resolvedAt: C.date(try r.get("resolved_at")), resolution: (try r.get("resolution", as: String?.self)).flatMap(ConflictResolution.init(rawValue:)),
                    resolvedBy: try r.get("resolved_by"))
    }

    // MARK: Pièces and accueil

    func insertPiece(_ row: PieceRow) throws {
        let p = row.piece
        try execute("""
            INSERT INTO piece (id, demande_id, sha256, type, guichet_code, device_id, seq, recue_le, body)
            VALUES (\(p.id.uuidString.lowercased()), \(p.demandeId.uuidString.lowercased()), \(p.sha256), \(p.type.rawValue), \(p.guichetCode),
                    \(row.deviceId), \(row.seq), \(C.text(p.recueLe)), \(try C.json(p)))
            """)
    }

    func piece(id: UUID) throws -> PieceRow? {
        try one("SELECT * FROM piece WHERE id = \(id.uuidString.lowercased())").map { r in
            PieceRow(piece: try C.decode(Piece.self, try r.get("body")), deviceId: try r.get("device_id"), seq: try r.get("seq"))
        }
    }

    func pieces(demandeId: UUID) throws -> [Piece] {
        try rows("SELECT body FROM piece WHERE demande_id = \(demandeId.uuidString.lowercased()) ORDER BY seq").map { try C.decode(Piece.self, try $0.get("body")) }
    }

    func blob(sha256: String) throws -> BlobRow? {
        try one("SELECT * FROM blob WHERE sha256 = \(sha256)").map {
            BlobRow(sha256: try $0.get("sha256"), size: try $0.get("size"), storedAt: C.date(try $0.get("stored_at")) ?? .distantPast)
        }
    }

    func insertBlob(_ row: BlobRow) throws {
        try execute("INSERT INTO blob (sha256, size, stored_at) VALUES (\(row.sha256), \(row.size), \(C.text(row.storedAt))) ON CONFLICT DO NOTHING")
    }

    func blobVisible(sha256: String, audience: Audience) throws -> Bool {
        if audience.seesAll { return try one("SELECT 1 AS x FROM piece WHERE sha256 = \(sha256) LIMIT 1") != nil }
        return try one("""
            SELECT 1 AS x FROM piece p JOIN demande_scope s ON s.demande_id = p.demande_id
            WHERE p.sha256 = \(sha256) AND s.guichet_code = \(audience.guichetCode) LIMIT 1
            """) != nil
    }

    func insertAccueil(_ row: AccueilRow) throws {
        let a = row.accueil
        try execute("""
            INSERT INTO accueil (id, guichet_code, type, le, demande_id, device_id, received_at, seq, body)
            VALUES (\(a.id.uuidString.lowercased()), \(a.guichetCode), \(a.type.rawValue), \(C.text(a.le)), \(row.demandeId?.uuidString.lowercased()),
                    \(row.deviceId), \(C.text(row.receivedAt)), \(row.seq), \(try C.json(a)))
            """)
    }

    func upsertOffre(_ o: Offre) throws {
        try execute("""
            INSERT INTO offre (id, bailleur, reference, statut, body) VALUES (\(o.id.uuidString.lowercased()), \(o.bailleur), \(o.referenceBailleur),
              \(o.statut.rawValue), \(try C.json(o)))
            ON CONFLICT (id) DO UPDATE SET statut = excluded.statut, body = excluded.body
            """)
    }

    func offre(id: UUID) throws -> Offre? {
        try one("SELECT body FROM offre WHERE id = \(id.uuidString.lowercased())").map { try C.decode(Offre.self, try $0.get("body")) }
    }

    func offre(bailleur: String, reference: String) throws -> Offre? {
        try one("SELECT body FROM offre WHERE bailleur = \(bailleur) AND reference = \(reference)").map { try C.decode(Offre.self, try $0.get("body")) }
    }

    func offres() throws -> [Offre] {
        try rows("SELECT body FROM offre ORDER BY bailleur, reference").map { try C.decode(Offre.self, try $0.get("body")) }
    }

    func appendOffreEvent(_ e: OffreEvent) throws {
        try execute("""
            INSERT INTO offre_event (offre_id, at, par, type, details)
            VALUES (\(e.offreId.uuidString.lowercased()), \(C.text(e.at)), \(e.par), \(e.type), \(e.details))
            """)
    }

    func offreEvents(offreId: UUID) throws -> [OffreEvent] {
        try rows("SELECT * FROM offre_event WHERE offre_id = \(offreId.uuidString.lowercased()) ORDER BY id").map {
            OffreEvent(offreId: offreId, at: C.date(try $0.get("at")) ?? .distantPast, par: try $0.get("par"), type: try $0.get("type"),
                       details: try $0.get("details"))
        }
    }

    func demandeSnapshots(after cursor: Int64, limit: Int) throws -> [(Int64, Data)] {
        try rows("SELECT seq, body FROM change_log WHERE visibility = 'demande' AND seq > \(cursor) ORDER BY seq LIMIT \(limit)")
            .map { r in (try r.get("seq"), Data((try r.get("body", as: ByteBuffer.self)).readableBytesView)) }
    }

    func accueilExists(id: UUID) throws -> Bool {
        try one("SELECT 1 AS x FROM accueil WHERE id = \(id.uuidString.lowercased())") != nil
    }

    // MARK: Pilotage

    func appendFait(_ f: FaitPilotage) throws {
        let valeur = f.valeur.map(Int64.init)
        try execute("""
            INSERT INTO pilotage_fait (nature, guichet_code, jour, entite, code, valeur, detail, recu_le_ms)
            VALUES (\(f.nature.rawValue), \(f.guichet), \(f.jour.description), \(f.entite?.uuidString.lowercased()), \(f.code), \(valeur),
                    \(try C.faitDetail(f)), \(C.millis(f.recuLe)))
            """)
    }

    func faits(after id: Int64, limit: Int) throws -> [(Int64, FaitPilotage)] {
        try rows("SELECT * FROM pilotage_fait WHERE id > \(id) ORDER BY id LIMIT \(limit)").map { r in
            (try r.get("id"), try C.fait(nature: try r.get("nature"), guichet: try r.get("guichet_code"), jour: try r.get("jour"),
                                        entite: try r.get("entite"), code: try r.get("code"), valeur: (try r.get("valeur", as: Int64?.self)).map(Int.init),
                                        detail: try r.get("detail"), recuLe: try r.get("recu_le_ms")))
        }
    }

    func insertStaff(_ row: StaffRow) throws {
        try execute("INSERT INTO staff (login, nom, password_hash, created_at) VALUES (\(row.login), \(row.nom), \(row.passwordHash), \(C.text(row.createdAt)))")
        try updateStaff(row)
    }

    func staff(login: String) throws -> StaffRow? { try one("SELECT * FROM staff WHERE login = \(login)").map(Self.staffRow) }

    func staffs() throws -> [StaffRow] { try rows("SELECT * FROM staff ORDER BY login").map(Self.staffRow) }

    func updateStaff(_ row: StaffRow) throws {
        try execute("""
            UPDATE staff SET nom = \(row.nom), password_hash = \(row.passwordHash), disabled_at = \(row.disabledAt.map(C.text)),
              last_login_at = \(row.lastLoginAt.map(C.text)) WHERE login = \(row.login)
            """)
    }

    static func staffRow(_ r: PGRow) throws -> StaffRow {
        StaffRow(login: try r.get("login"), nom: try r.get("nom"), passwordHash: try r.get("password_hash"),
                 createdAt: C.date(try r.get("created_at")) ?? .distantPast, disabledAt: C.date(try r.get("disabled_at")),
                 lastLoginAt: C.date(try r.get("last_login_at")))
    }
}

/// A row read by name.
struct PGRow {
    let row: PostgresRandomAccessRow
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try row[name].decode(T.self, context: .default)
    }
}
