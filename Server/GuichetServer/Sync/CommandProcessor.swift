import Foundation
import GuichetDomain
import GuichetProtocol

/// Applies one command inside the caller's transaction and says what happened. The caller records the outcome
/// and advances the device's number in the same transaction (exactly-once).
struct CommandProcessor {
    let tx: any StoreTransaction
    let context: DeviceContext
    let configuration: SyncConfiguration
    let now: Date

    var today: Jour { Jour(now, timeZone: .paris) }
    var guichet: Guichet { context.guichet }

    /// A refusal raised while applying; becomes a `rejected` outcome.
    struct Refus: Error {
        var rejection: Rejection
    }

    /// The bytes of an attached pièce are not complete yet.
    struct PasEncore: Error {}

    func apply(_ command: Command) throws -> CommandOutcome {
        do {
            let (applied, conflicts) = try dispatch(command)
            return CommandOutcome(number: command.number, status: .applied, applied: applied, conflicts: conflicts)
        } catch let refus as Refus {
            return CommandOutcome(number: command.number, status: .rejected, rejection: refus.rejection)
        } catch is PasEncore {
            return CommandOutcome(number: command.number, status: .retryLater)
        }
    }

    private func dispatch(_ command: Command) throws -> (AppliedResult, [ConflictNotice]) {
        switch command.payload {
        case .registerDemande(let r): (try register(r, command), [])
        case .updateDemande(let u): try update(u, command)
        case .renewDemande(let r): (try renew(r, command), [])
        case .radierDemande(let r): (try radier(r, command), [])
        case .attachPiece(let a): (try attach(a, command), [])
        case .recordAccueil(let r): (try record(r, command), [])
        }
    }

    // MARK: Checks shared by every command

    func exiger(_ action: Action) throws {
        guard Permissions.autorise(action, pour: guichet) else {
            let role = Permissions.niveauMinimal(pour: action).map { "d'un point de niveau \($0.rawValue)" } ?? "de la métropole ou d'un bailleur"
            throw Refus(rejection: Rejection(code: .niveauInsuffisant,
                message: "Le guichet \(guichet.code) (niveau \(guichet.niveau.rawValue)) ne peut pas \(action.libelle) : c'est le rôle \(role)."))
        }
    }

    /// A demande the device may act on (its scope, or every demande for métropole staff).
    func demandeVisible(_ id: UUID) throws -> DemandeRow {
        guard let row = try tx.demande(id: id) else {
            throw Refus(rejection: Rejection(code: .demandeInconnue, message: "Aucune demande ne porte l'identifiant \(id.uuidString.lowercased())."))
        }
        let dansLePerimetre = try context.seesAll || tx.isInScope(demandeId: id, guichetCode: guichet.code)
        guard dansLePerimetre else {
            throw Refus(rejection: Rejection(code: .horsPerimetre,
                message: "Cette demande n'est pas suivie par le guichet \(guichet.code) : recherchez-la par son numéro unique pour l'ouvrir."))
        }
        return row
    }

    /// A demande named by id or numéro unique: any point may receive any demandeur of the métropole.
    func demandeQuelconque(_ ref: DemandeRef) throws -> DemandeRow {
        if let id = ref.id, let row = try tx.demande(id: id) { return row }
        if let nur = ref.numeroUnique, let row = try tx.demande(numeroUnique: nur.valeur) { return row }
        let nom = ref.numeroUnique.map { "le numéro unique \($0.valeur)" } ?? "l'identifiant \(ref)"
        throw Refus(rejection: Rejection(code: .demandeInconnue, message: "Aucune demande de la métropole ne porte \(nom) : vérifiez le numéro."))
    }

    func transition(_ t: TransitionDemande, _ row: DemandeRow) throws -> Demande {
        do {
            // One day of tolerance: a device's civil day may be ahead of the server's around midnight.
            return try CycleDeVie.appliquer(t, a: row.demande, aujourdhui: today.ajoutant(jours: 1))
        } catch {
            throw Refus(rejection: Rejection(code: .transitionInterdite, message: error.message, current: row.snapshot))
        }
    }

    func valider(_ demande: Demande, current: DemandeSnapshot? = nil) throws {
        let problemes = ValidationDemande.problemes(demande, au: today, communesConnues: configuration.communesConnues)
        guard problemes.isEmpty else {
            throw Refus(rejection: Rejection(code: .validation,
                message: "La demande comporte \(problemes.count) erreur(s) : \(problemes.map(\.message).joined(separator: " ; "))",
                problemes: problemes, current: current))
        }
    }

    /// Saves a new version of a demande, emits its change and records who set which field.
    func save(_ demande: Demande, previous: DemandeRow?, origins: [String: ConflictNotice.Origin]) throws -> (Int64, Int64) {
        let version = (previous?.version ?? 0) + 1
        let guichetOrigine = previous?.guichetOrigine ?? guichet.code
        let snapshot = DemandeSnapshot(demande: demande, version: version, guichetOrigine: guichetOrigine)
        let seq = try tx.appendChange(NewChange(visibility: .demande, demandeId: demande.id) { seq in
            try WireCoding.encoder.encode(Change(seq: seq, body: .demande(snapshot)))
        })
        var fieldOrigins = previous?.fieldOrigins ?? [:]
        fieldOrigins.merge(origins) { _, new in new }
        try tx.upsertDemande(DemandeRow(demande: demande, version: version, guichetOrigine: guichetOrigine, updatedSeq: seq, fieldOrigins: fieldOrigins))
        try tx.appendFait(.etat(demande, guichetOrigine: guichetOrigine, pieces: try tx.pieces(demandeId: demande.id), guichet: nil, jour: today, recuLe: now))
        return (version, seq)
    }

    /// The Europe/Paris day the command was made at the guichet: its stamp, never after the server's now (a clock
    /// running ahead does not book events in the future).
    func jour(_ command: Command) -> Jour {
        let millis = min(command.hlc.wallMillis, Int64(now.timeIntervalSince1970 * 1000))
        return Jour(Date(timeIntervalSince1970: Double(millis) / 1000), timeZone: .paris)
    }

    /// Records a pilotage fact of this guichet, in the command's transaction.
    func fait(_ nature: FaitPilotage.Nature, _ command: Command, jour: Jour? = nil, entite: UUID?, code: String? = nil) throws {
        try tx.appendFait(FaitPilotage(nature: nature, guichet: guichet.code, jour: jour ?? self.jour(command), entite: entite, code: code, recuLe: now))
    }

    /// The demande joins this guichet's scope (it handled it); a snapshot is sent so its devices get the state.
    func joinScope(_ row: DemandeRow, seq: Int64) throws {
        guard !context.seesAll, try tx.addToScope(demandeId: row.demande.id, guichetCode: guichet.code, seq: seq) else { return }
        try Self.sendScopeEntry(tx, row: row, guichet: guichet.code)
    }

    /// What a guichet's devices receive when a demande enters its scope: the demande's state and its pièces.
    static func sendScopeEntry(_ tx: any StoreTransaction, row: DemandeRow, guichet: String) throws {
        let snapshot = row.snapshot
        _ = try tx.appendChange(NewChange(visibility: .guichet, guichetCode: guichet, demandeId: row.demande.id) { seq in
            try WireCoding.encoder.encode(Change(seq: seq, body: .demande(snapshot)))
        })
        for piece in try tx.pieces(demandeId: row.demande.id) {
            _ = try tx.appendChange(NewChange(visibility: .guichet, guichetCode: guichet, demandeId: row.demande.id) { seq in
                try WireCoding.encoder.encode(Change(seq: seq, body: .piece(piece)))
            })
        }
    }

    func audit(_ command: Command, entity: String, details: String? = nil) throws {
        try tx.appendAudit(AuditEntry(at: now, deviceId: context.device.id, guichetCode: guichet.code, agent: command.agent,
            hlc: command.hlc.description, commandNumber: command.number, action: command.payload.type, entityId: entity,
            outcome: "applied", details: details))
    }
}

extension Action {
    /// What the action is, for refusal messages ("ne peut pas …").
    var libelle: String {
        switch self {
        case .enregistrerDemande: "enregistrer une demande"
        case .modifierDemande: "modifier une demande"
        case .renouvelerDemande: "renouveler une demande"
        case .radierSurRenonciation: "radier une demande sur renonciation"
        case .radierAutresMotifs: "radier une demande pour ce motif"
        case .qualifierPriorite: "qualifier une demande prioritaire"
        case .rendezVousPersonnalise: "tenir un rendez-vous personnalisé"
        case .entretienSimple: "tenir un entretien de niveau 2"
        case .entretienPMR: "tenir un entretien PMR"
        case .attribuer: "attribuer un logement"
        case .publierOffre: "publier une offre"
        default: "effectuer l'action « \(rawValue) »"
        }
    }
}
