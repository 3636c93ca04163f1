import Foundation
import GuichetDomain
import GuichetProtocol

extension CommandProcessor {
    /// Fields only lifecycle commands or the server may change.
    static let protectedPrefixes = ["id", "numeroUnique", "statut", "dates", "radiation"]

    func register(_ r: RegisterDemande, _ command: Command) throws -> AppliedResult {
        try exiger(.enregistrerDemande)
        if try tx.demande(id: r.demande.id) != nil {
            throw Refus(rejection: Rejection(code: .identifiantDejaUtilise,
                message: "Une demande porte déjà l'identifiant \(r.demande.id.uuidString.lowercased()) : elle a été créée par une autre commande."))
        }
        var d = r.demande.normalisee()
        d.statut = .brouillon
        d.numeroUnique = nil
        d.dates = DatesDemande()
        d.radiation = nil
        if d.priorites.contains(where: \.estValidee) || d.dalo { try exiger(.qualifierPriorite) }
        try valider(d)
        let deposee = try transition(.deposer(le: r.depot), DemandeRow(demande: d, version: 0, guichetOrigine: guichet.code, updatedSeq: 0, fieldOrigins: [:]))
        let depot = deposee.dates.depot ?? today
        let compteur = try tx.nextNumeroCounter(territoire: configuration.territoire, mois: String(format: "%04d-%02d", depot.annee, depot.mois))
        let numero: NumeroUnique
        do {
            numero = try NumeroUnique.generer(departement: configuration.departement, depot: depot, compteur: compteur, codeGuichet: guichet.code)
        } catch {
            throw Refus(rejection: Rejection(code: .guichetIncoherent, message: error.message))
        }
        let enregistree = try transition(.enregistrer(numero: numero, le: max(today, depot)),
            DemandeRow(demande: deposee, version: 0, guichetOrigine: guichet.code, updatedSeq: 0, fieldOrigins: [:]))
        let (version, seq) = try save(enregistree, previous: nil, origins: ["": context.origin(agent: command.agent)])
        _ = try tx.addToScope(demandeId: d.id, guichetCode: guichet.code, seq: seq)
        if let f = FaitPilotage.enregistrement(enregistree, guichet: guichet.code, jour: jour(command), recuLe: now) { try tx.appendFait(f) }
        try audit(command, entity: d.id.uuidString.lowercased(), details: "numeroUnique attribué")
        return AppliedResult(entityId: d.id, version: version, numeroUnique: numero, seq: seq)
    }

    func update(_ u: UpdateDemande, _ command: Command) throws -> (AppliedResult, [ConflictNotice]) {
        try exiger(.modifierDemande)
        let row = try demandeVisible(u.demandeId)
        guard [.deposee, .enregistree, .renouvelee].contains(row.demande.statut) else {
            throw Refus(rejection: Rejection(code: .transitionInterdite,
                message: "La demande est \(row.demande.statut.libelle) : elle ne peut plus être modifiée.", current: row.snapshot))
        }
        for change in u.changes where !Self.cheminValide(change.path) {
            throw Refus(rejection: Rejection(code: .validation,
                message: "Chemin de champ invalide « \(change.path.prefix(80)) » : attendu par exemple « coordonnees.telephone » ou « personnesACharge[0].prenoms ».",
                current: row.snapshot))
        }
        for change in u.changes {
            let racine = change.path.split(separator: ".").first.map { String($0.split(separator: "[").first ?? "") } ?? ""
            if Self.protectedPrefixes.contains(racine) {
                throw Refus(rejection: Rejection(code: .champProtege,
                    message: "Le champ « \(change.path) » ne se modifie pas directement (numéro, statut et dates suivent le cycle de vie).",
                    current: row.snapshot))
            }
        }
        let merge: FieldMerge.Result
        let merged: Demande
        do {
            merge = try FieldMerge.merge(current: try JSONValue(encoding: row.demande), changes: u.changes)
            merged = try merge.merged.decode(Demande.self).normalisee()
        } catch {
            throw Refus(rejection: Rejection(code: .validation,
                message: "Les changements ne correspondent pas à la structure d'une demande (chemin ou type de valeur invalide).", current: row.snapshot))
        }
        let avant = Set(row.demande.priorites.filter(\.estValidee).map(\.priorite))
        let apres = Set(merged.priorites.filter(\.estValidee).map(\.priorite))
        if avant != apres || row.demande.dalo != merged.dalo { try exiger(.qualifierPriorite) }
        try valider(merged, current: row.snapshot)

        var applied = AppliedResult(entityId: row.demande.id, version: row.version, numeroUnique: row.demande.numeroUnique, seq: row.updatedSeq)
        var current = row
        if merged != row.demande {
            let origin = context.origin(agent: command.agent)
            let (version, seq) = try save(merged, previous: row, origins: Dictionary(uniqueKeysWithValues: merge.appliedPaths.map { ($0, origin) }))
            applied.version = version
            applied.seq = seq
            try fait(.modification, command, entite: row.demande.id)
            current = DemandeRow(demande: merged, version: version, guichetOrigine: row.guichetOrigine, updatedSeq: seq, fieldOrigins: row.fieldOrigins)
        }
        try joinScope(current, seq: applied.seq)
        // A conflict is recorded only for a value that could be applied: staff must be able to choose it.
        for c in merge.conflicts {
            do {
                var essai = try JSONValue(encoding: merged)
                try essai.set(c.proposed, at: c.path)
                _ = try essai.decode(Demande.self)
            } catch {
                throw Refus(rejection: Rejection(code: .validation,
                    message: "La valeur proposée pour « \(c.path) » ne correspond pas au type du champ.", current: row.snapshot))
            }
        }
        let notices = try merge.conflicts.map { c in try recordConflict(c.path, server: c.serverValue, proposed: c.proposed, row: row, command: command) }
        try audit(command, entity: row.demande.id.uuidString.lowercased(),
                  details: "champs: \(merge.appliedPaths.joined(separator: ","))" + (notices.isEmpty ? "" : "; conflits: \(notices.map(\.path).joined(separator: ","))"))
        return (applied, notices)
    }

    /// Records a conflict and tells both guichets through the stream.
    func recordConflict(_ path: String, server: JSONValue, proposed: JSONValue, row: DemandeRow, command: Command) throws -> ConflictNotice {
        let kept = Self.origin(of: path, in: row.fieldOrigins)
        var rng = SystemRandomNumberGenerator()
        let notice = ConflictNotice(conflictId: UUID.v7(now: now, using: &rng), demandeId: row.demande.id, path: path, serverValue: server,
                                    proposedValue: proposed, keptFrom: kept, proposedBy: context.origin(agent: command.agent))
        try tx.insertConflict(ConflictRow(notice: notice, createdAt: now))
        var guichets = [guichet.code]
        if let other = kept?.guichet, other != guichet.code { guichets.append(other) }
        for g in guichets {
            _ = try tx.appendChange(NewChange(visibility: .guichet, guichetCode: g, demandeId: row.demande.id) { seq in
                try WireCoding.encoder.encode(Change(seq: seq, body: .conflict(notice)))
            })
        }
        return notice
    }

    /// Who last set `path`, or the closest enclosing field, or the creator.
    static func origin(of path: String, in origins: [String: ConflictNotice.Origin]) -> ConflictNotice.Origin? {
        var p = path
        while true {
            if let o = origins[p] { return o }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return origins[""] }
            p = String(p[..<cut])
        }
    }

    /// `a.b[3].c`: names of letters and digits starting with a letter, indices of at most six digits.
    static func cheminValide(_ path: String) -> Bool {
        guard !path.isEmpty, path.count <= 200 else { return false }
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            var nom = Substring(segment)
            if let ouvrant = segment.firstIndex(of: "[") {
                guard segment.last == "]" else { return false }
                let indice = segment[segment.index(after: ouvrant)..<segment.index(before: segment.endIndex)]
                guard (1...6).contains(indice.count), indice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                nom = segment[..<ouvrant]
            }
            guard let premier = nom.first, premier.isASCII, premier.isLetter,
                nom.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return false }
        }
        return true
    }

    func renew(_ r: RenewDemande, _ command: Command) throws -> AppliedResult {
        try exiger(.renouvelerDemande)
        let row = try demandeVisible(r.demandeId)
        // Renewing a demande radiated for non-renewal within the tolerance is its reactivation (same number, ancienneté kept).
        let t: TransitionDemande = row.demande.statut == .radiee ? .reactiver(le: r.le) : .renouveler(le: r.le)
        let d = try transition(t, row)
        let (version, seq) = try save(d, previous: row, origins: [:])
        try joinScope(row, seq: seq)
        try fait(.renouvellement, command, jour: r.le, entite: d.id)
        try audit(command, entity: d.id.uuidString.lowercased(), details: t.nom)
        return AppliedResult(entityId: d.id, version: version, numeroUnique: d.numeroUnique, seq: seq)
    }

    func radier(_ r: RadierDemande, _ command: Command) throws -> AppliedResult {
        try exiger(r.radiation.motif == .renonciation ? .radierSurRenonciation : .radierAutresMotifs)
        let row = try demandeVisible(r.demandeId)
        let d = try transition(.radier(r.radiation), row)
        let (version, seq) = try save(d, previous: row, origins: [:])
        try fait(.radiation, command, jour: r.radiation.le, entite: d.id, code: r.radiation.motif.rawValue)
        try audit(command, entity: d.id.uuidString.lowercased(), details: "motif: \(r.radiation.motif.rawValue)")
        return AppliedResult(entityId: d.id, version: version, numeroUnique: d.numeroUnique, seq: seq)
    }
}
