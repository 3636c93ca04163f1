import Crypto
import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

#if canImport(Glibc)
import Glibc
#endif

/// What a point d'accueil does on its own replica, fully offline: every write is validated with the domain
/// rules and the guichet's niveau, applied to the local view and appended to the outbox in one transaction.
public struct GuichetClient: Sendable {
    public let replica: Replica
    public let agent: String
    let clock: @Sendable () -> Date

    public init(replica: Replica, agent: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.replica = replica
        self.agent = agent
        self.clock = clock
    }

    var today: Jour { Jour(clock(), timeZone: .paris) }

    // MARK: Enrollment

    /// Exchanges an enrollment code for a device token and records the device.
    public func enroll(serverURL: String, code: String, deviceName: String, transport: (any Transport)? = nil) async throws -> DeviceState {
        if (try? await replica.device()) != nil {
            throw ClientError(code: .protocole, message: "Cet appareil est déjà enrôlé ; utilisez un autre dossier (--data) pour un autre guichet.")
        }
        let api = ServerAPI(transport: transport ?? HTTPTransport(baseURL: serverURL), token: nil)
        let response: EnrollResponse
        do {
            response = try await api.json(EnrollResponse.self, "POST", "/enroll", body: EnrollRequest(code: code, deviceName: deviceName))
        } catch let error as APIError {
            throw ClientError(code: .reseau, message: "Enrôlement impossible : \(error)")
        }
        let state = DeviceState(serverURL: serverURL, deviceId: response.deviceId, token: response.token, tokenExpiresAt: response.tokenExpiresAt,
                                guichet: response.guichet, cursor: 0, nextNumber: 1, hlc: HybridLogicalClock(device: response.deviceId))
        try await replica.write { db in try Replica.saveDevice(db, state) }
        return state
    }

    // MARK: Writes

    /// Records a new demande handed in today (or on `depot`) and queues its registration.
    public func createDemande(_ demande: Demande, depot: Jour? = nil) async throws -> Demande {
        var d = demande.normalisee()
        let existing = try await view(d.id)
        if existing != nil { d.id = UUID.v7(now: clock()) }
        d.statut = .brouillon
        d.numeroUnique = nil
        d.dates = DatesDemande()
        d.radiation = nil
        let depot = depot ?? today
        try check(ValidationDemande.problemes(d, au: today))
        // Validated priorities and DALO are set by a niveau-3 point or the métropole: refuse early, not at sync.
        if d.priorites.contains(where: \.estValidee) || d.dalo {
            let guichet = try await replica.device().guichet
            guard Permissions.autorise(.qualifierPriorite, pour: guichet) else {
                throw ClientError(code: .niveauInsuffisant,
                    message: "Seul un point de niveau 3 ou la métropole qualifie une demande prioritaire (priorité validée ou DALO) : enregistrez-la sans validation.")
            }
        }
        let payload = CommandPayload.registerDemande(RegisterDemande(demande: d, depot: depot))
        try await enqueue(payload, demandeId: d.id, requires: .enregistrerDemande)
        return try await view(d.id) ?? d
    }

    /// Records the agent's new version of a demande as field changes against what the device last saw.
    public func updateDemande(id: UUID, to new: Demande) async throws -> [FieldChange] {
        guard let current = try await view(id) else { throw ClientError(code: .introuvable, message: "Demande \(ClientCoding.id(id)) introuvable sur ce poste.") }
        var target = new.normalisee()
        // Lifecycle fields are not edited directly.
        target.id = current.id
        target.numeroUnique = current.numeroUnique
        target.statut = current.statut
        target.dates = current.dates
        target.radiation = current.radiation
        try check(ValidationDemande.problemes(target, au: today))
        let changes = LocalView.diff(try JSONValue(encoding: current), try JSONValue(encoding: target))
        guard !changes.isEmpty else { return [] }
        let base = try await serverVersion(id)
        try await enqueue(.updateDemande(UpdateDemande(demandeId: id, baseVersion: base, changes: changes)), demandeId: id, requires: .modifierDemande)
        return changes
    }

    /// Queues the renewal (or, within the tolerance, the reactivation) of a demande.
    public func renewDemande(id: UUID, le: Jour? = nil) async throws -> Demande {
        guard let current = try await view(id) else { throw ClientError(code: .introuvable, message: "Demande \(ClientCoding.id(id)) introuvable sur ce poste.") }
        let le = le ?? today
        let t: TransitionDemande = current.statut == .radiee ? .reactiver(le: le) : .renouveler(le: le)
        do { _ = try CycleDeVie.appliquer(t, a: current, aujourdhui: today) } catch {
            throw ClientError(code: .transition, message: error.message)
        }
        let base = try await serverVersion(id)
        try await enqueue(.renewDemande(RenewDemande(demandeId: id, baseVersion: base, le: le)), demandeId: id, requires: .renouvelerDemande)
        return try await view(id) ?? current
    }

    /// Stores a scanned pièce durably beside the replica, then queues its attachment.
    public func addPiece(demande ref: DemandeRef, file: URL, type: TypePiece, personne: RefPersonne = .demandeur, mediaType: String? = nil) async throws -> Piece {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: file)) } catch {
            throw ClientError(code: .fichier, message: "Fichier illisible : \(file.path).")
        }
        guard !bytes.isEmpty else { throw ClientError(code: .fichier, message: "Le fichier \(file.lastPathComponent) est vide.") }
        guard bytes.count <= PieceUpload.defaultMaximumSize else {
            throw ClientError(code: .fichier, message: "Le fichier fait \(bytes.count >> 20) Mo ; une pièce fait au plus \(PieceUpload.defaultMaximumSize >> 20) Mo.")
        }
        var demandeId: UUID? = nil
        if let id = ref.id {
            guard let d = try await view(id) else { throw ClientError(code: .introuvable, message: "Demande \(ClientCoding.id(id)) introuvable sur ce poste.") }
            guard d.personne(personne) != nil else { throw ClientError(code: .validation, message: "La personne « \(personne) » n'existe pas dans cette demande.") }
            demandeId = id
        } else if let nur = ref.numeroUnique {
            demandeId = try await replica.read { db in
                try String.fetchOne(db, sql: "SELECT id FROM server_demande WHERE numero_unique = ?", arguments: [nur.valeur]).flatMap(UUID.init(uuidString:))
            }
        }
        let resolvedId = demandeId
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        // Bytes on disk (temp, fsync, rename, fsync folder) before the command that refers to them commits.
        try BlobFiles.storeDurably(bytes, sha: sha, in: replica.directory)
        let piece = Piece(id: UUID.v7(now: clock()), demandeId: demandeId ?? BlobFiles.inconnue, type: type, personne: personne, sha256: sha,
                          taille: bytes.count, mediaType: mediaType ?? BlobFiles.mediaType(file), recueLe: clock(), guichetCode: try await replica.device().guichet.code)
        let payload = CommandPayload.attachPiece(AttachPiece(pieceId: piece.id, demande: ref, type: type, personne: personne, sha256: sha,
                                                             taille: bytes.count, mediaType: piece.mediaType, recueLe: piece.recueLe))
        try await enqueue(payload, demandeId: resolvedId, requires: .recevoirPiece) { db in
            try db.execute(sql: "INSERT INTO piece (id, demande_id, demande_ref, sha256, taille, body) VALUES (?,?,?,?,?,?)",
                arguments: [ClientCoding.id(piece.id), resolvedId.map(ClientCoding.id), ref.description, sha, bytes.count, try ClientCoding.json(piece)])
        }
        return piece
    }

    /// Records a visit, call or appointment.
    public func recordAccueil(type: TypeAccueil, demande: DemandeRef? = nil, objet: ObjetAccueil = .information, orientationNiveau3: Bool = false,
                              pmr: Bool = false, prioriteBloquee: Bool = false, niveauService: Niveau? = nil) async throws -> Accueil {
        let device = try await replica.device()
        var demandeId = demande?.id
        if let id = demandeId, try await view(id) == nil {
            throw ClientError(code: .introuvable, message: "Demande \(ClientCoding.id(id)) introuvable sur ce poste.")
        }
        if demandeId == nil, let nur = demande?.numeroUnique {
            demandeId = try await replica.read { db in
                try String.fetchOne(db, sql: "SELECT id FROM server_demande WHERE numero_unique = ?", arguments: [nur.valeur]).flatMap(UUID.init(uuidString:))
            }
        }
        let accueil = Accueil(id: UUID.v7(now: clock()), type: type, le: clock(), guichetCode: device.guichet.code, agent: agent,
                              niveauService: niveauService ?? min(device.guichet.niveau, .deux), objet: objet, demandeId: demandeId,
                              numeroUnique: demandeId == nil ? demande?.numeroUnique : nil, orientationNiveau3: orientationNiveau3, pmr: pmr,
                              prioriteBloquee: prioriteBloquee)
        for action in accueil.actionsRequises.sorted(by: { $0.rawValue < $1.rawValue }) where !Permissions.autorise(action, pour: device.guichet) {
            throw ClientError(code: .niveauInsuffisant, message: "Le guichet \(device.guichet.code) (niveau \(device.guichet.niveau.rawValue)) ne peut pas effectuer « \(action.rawValue) ».")
        }
        let resolvedId = demandeId
        try await enqueue(.recordAccueil(RecordAccueil(accueil: accueil)), demandeId: resolvedId, requires: .enregistrerAccueil) { db in
            try db.execute(sql: "INSERT INTO accueil (id, body) VALUES (?,?)", arguments: [ClientCoding.id(accueil.id), try ClientCoding.json(accueil)])
        }
        return accueil
    }

    func check(_ problemes: [ProblemeValidation]) throws {
        guard problemes.isEmpty else {
            throw ClientError(code: .validation, message: "La saisie comporte \(problemes.count) erreur(s) ; rien n'a été enregistré :", problemes: problemes)
        }
    }

    /// Appends a numbered, HLC-stamped command to the outbox and refreshes the local view, in one transaction.
    func enqueue(_ payload: CommandPayload, demandeId: UUID?, requires action: Action,
                 extra: (@Sendable (Database) throws -> Void)? = nil) async throws {
        let agent = self.agent
        let now = clock()
        let today = self.today
        try await replica.write { db in
            var device = try Replica.device(db)
            guard Permissions.autorise(action, pour: device.guichet) else {
                throw ClientError(code: .niveauInsuffisant,
                    message: "Le guichet \(device.guichet.code) (niveau \(device.guichet.niveau.rawValue)) ne peut pas effectuer « \(action.rawValue) » : orientez le demandeur vers un point de niveau \(Permissions.niveauMinimal(pour: action)?.rawValue ?? 3).")
            }
            let stamp = device.hlc.tick(physicalMillis: Int64(now.timeIntervalSince1970 * 1000))
            let command = Command(number: device.nextNumber, hlc: stamp, agent: agent, payload: payload)
            var pieceSha: String?
            if case .attachPiece(let a) = payload { pieceSha = a.sha256 }
            try db.execute(sql: "INSERT INTO outbox (number, demande_id, piece_sha, type, command, created_at) VALUES (?,?,?,?,?,?)",
                arguments: [command.number, demandeId.map(ClientCoding.id), pieceSha, payload.type, try ClientCoding.json(command), ClientCoding.text(now)])
            device.nextNumber += 1
            try Replica.saveDevice(db, device)
            try extra?(db)
            if let id = demandeId { try Replica.rederive(db, demandeId: id, today: today) }
        }
    }

    func serverVersion(_ id: UUID) async throws -> Int64 {
        try await replica.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM server_demande WHERE id = ?", arguments: [ClientCoding.id(id)]) ?? 0 }
    }
}
