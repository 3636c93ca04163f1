import Foundation
import GuichetDomain
import GuichetProtocol

/// Offers of the bailleurs and the rapprochement: publication (API, CSV import, staff), lifecycle, candidates
/// with explanations, designation, and a demande's cotation. Matching never decides an attribution.
public struct OffreService: Sendable {
    public let store: any Store
    public let clock: any ServerClock
    public let index: MatchingIndex
    public let referentiel: ReferentielCommunes
    public let table: TablePlafonds
    public let grille: GrilleCotation

    /// - Parameter grille: the métropole's cotation grid; the bundled example when nil.
    public init(store: any Store, clock: any ServerClock = SystemClock(), grille: GrilleCotation? = nil) throws {
        let table = try TablePlafonds.chargerOfficielles()
        self.store = store
        self.clock = clock
        self.table = table
        self.referentiel = try ReferentielCommunes.chargerMetropole()
        self.grille = try grille ?? GrilleCotation.chargerExemple()
        self.index = MatchingIndex(store: store, table: table, clock: clock)
    }

    var jour: Jour { Jour(clock.now(), timeZone: .paris) }

    /// The result of an import or a publication.
    public struct RapportImport: Sendable, Codable, Hashable {
        public var publiees = 0
        public var modifiees = 0
        public var inchangees = 0
        public var erreurs: [ErreurLigne] = []
        /// True when nothing was imported because of errors (without `partiel`).
        public var rien = false
    }

    /// Imports a bailleur's CSV: all or nothing unless `partiel`; the same file twice changes nothing; a changed
    /// line updates the offer and records which columns changed.
    public func importer(csv: String, bailleur: String, partiel: Bool, par: String) async throws -> RapportImport {
        let resultat = ImportOffres.analyser(csv, bailleur: bailleur, referentiel: referentiel, au: jour)
        var rapport = RapportImport(erreurs: resultat.erreurs)
        if !resultat.erreurs.isEmpty && !partiel {
            rapport.rien = true
            return rapport
        }
        let now = clock.now()
        let lignes = resultat.offres
        let (p, m, i) = try await store.write { tx in
            var counts = (0, 0, 0)
            for ligne in lignes {
                switch try Self.publier(tx, ligne.offre, par: par, at: now) {
                case "publiee": counts.0 += 1
                case "modifiee": counts.1 += 1
                default: counts.2 += 1
                }
            }
            return counts
        }
        rapport.publiees = p
        rapport.modifiees = m
        rapport.inchangees = i
        return rapport
    }

    /// Publishes or updates one offer keyed by (bailleur, reference); returns `publiee`, `modifiee` or `inchangee`.
    static func publier(_ tx: any StoreTransaction, _ saisie: OffreImportee, par: String, at now: Date) throws -> String {
        if let existante = try tx.offre(bailleur: saisie.bailleur, reference: saisie.referenceBailleur) {
            let colonnes = saisie.colonnesModifiees(depuis: existante)
            guard !colonnes.isEmpty else { return "inchangee" }
            try tx.upsertOffre(saisie.offre(id: existante.id, statut: existante.statut))
            try tx.appendOffreEvent(OffreEvent(offreId: existante.id, at: now, par: par, type: "modifiee",
                                               details: colonnes.map(\.rawValue).joined(separator: ",")))
            return "modifiee"
        }
        var rng = SystemRandomNumberGenerator()
        let offre = saisie.offre(id: UUID.v7(now: now, using: &rng))
        try tx.upsertOffre(offre)
        try tx.appendOffreEvent(OffreEvent(offreId: offre.id, at: now, par: par, type: "publiee"))
        try tx.appendFait(.offre(offre, evenement: "publiee", jour: Jour(now, timeZone: .paris), recuLe: now))
        return "publiee"
    }

    public func publier(_ saisie: OffreImportee, par: String) async throws -> Offre {
        let now = clock.now()
        return try await store.write { tx in
            _ = try Self.publier(tx, saisie, par: par, at: now)
            return try tx.offre(bailleur: saisie.bailleur, reference: saisie.referenceBailleur)!
        }
    }

    public func offres(bailleur: String?) async throws -> [Offre] {
        try await store.read { tx in try tx.offres().filter { bailleur == nil || $0.bailleur == bailleur } }
    }

    public func offre(_ id: UUID, bailleur: String?) async throws -> Offre {
        guard let o = try await store.read({ tx in try tx.offre(id: id) }), bailleur == nil || o.bailleur == bailleur else {
            throw Problem(.notFound, detail: "Offre \(id.uuidString.lowercased()) introuvable.")
        }
        return o
    }

    /// Offer lifecycle: publiée → candidats désignés → attribuée / retirée; each step an audited event.
    public func changerStatut(_ id: UUID, vers statut: StatutOffre, par: String, bailleur: String?) async throws -> Offre {
        _ = try await offre(id, bailleur: bailleur)
        let now = clock.now()
        return try await store.write { tx in
            guard var o = try tx.offre(id: id) else { throw Problem(.notFound, detail: "Offre introuvable.") }
            let permis: [StatutOffre: Set<StatutOffre>] = [.publiee: [.candidatsDesignes, .retiree], .candidatsDesignes: [.attribuee, .retiree, .publiee]]
            guard permis[o.statut]?.contains(statut) == true else {
                throw Problem(.validationFailed, detail: "Une offre \(o.statut.rawValue) ne peut pas passer à « \(statut.rawValue) ».")
            }
            o.statut = statut
            try tx.upsertOffre(o)
            try tx.appendOffreEvent(OffreEvent(offreId: id, at: now, par: par, type: statut.rawValue))
            try tx.appendFait(.offre(o, evenement: statut.rawValue, jour: Jour(now, timeZone: .paris), recuLe: now))
            return o
        }
    }

    /// The `limite` best candidates for an offer, with every filter and criterion explained.
    public func candidats(_ id: UUID, limite: Int, bailleur: String?) async throws -> [Candidat] {
        let offre = try await offre(id, bailleur: bailleur)
        let profils = try await index.profilsAJour()
        return Rapprochement.candidats(offre: offre, profils: profils, grille: grille, table: table, referentiel: referentiel, au: jour,
                                       limite: max(1, min(limite, 100)))
    }

    /// Why a demande is not proposed for an offer: the filters it fails, with the values compared (empty: it passes
    /// them all and may rank below the best, or is not active).
    public func pourquoiPas(_ id: UUID, numeroUnique: String, bailleur: String?) async throws -> [ResultatFiltre] {
        let offre = try await offre(id, bailleur: bailleur)
        guard let row = try await store.read({ tx in try tx.demande(numeroUnique: numeroUnique.uppercased()) }),
            let profil = try await index.profil(row.demande.id)
        else { throw Problem(.notFound, detail: "Aucune demande ne porte le numéro unique \(numeroUnique).") }
        return Rapprochement.pourquoiPas(offre: offre, profil: profil, table: table, referentiel: referentiel, au: jour)
    }

    /// Records the designation of candidates (who, when, grid version); the CAL decides, not the software.
    public func designer(_ id: UUID, demandes: [UUID], par: String, bailleur: String?) async throws -> Offre {
        guard !demandes.isEmpty else { throw Problem(.validationFailed, detail: "Désignez au moins un candidat.") }
        let o = try await changerStatut(id, vers: .candidatsDesignes, par: par, bailleur: bailleur)
        let now = clock.now()
        let details = "grille \(grille.version); demandes \(demandes.map { $0.uuidString.lowercased() }.joined(separator: ","))"
        try await store.write { tx in
            try tx.appendOffreEvent(OffreEvent(offreId: id, at: now, par: par, type: "designation", details: details))
            for d in demandes {
                try tx.appendFait(FaitPilotage(nature: .proposition, guichet: nil, jour: Jour(now, timeZone: .paris), entite: d, recuLe: now))
            }
        }
        return o
    }

    /// What a demandeur must be told: score with its breakdown, position among similar demandes, eligible offers.
    public struct InformationCotation: Sendable, Codable {
        public var cotation: ResultatCotation
        /// Nil when the demande names no typologie or commune.
        public var positionnement: Positionnement?
        public var offresEligibles: [Offre]
    }

    public func information(numeroUnique: String) async throws -> InformationCotation {
        guard let row = try await store.read({ tx in try tx.demande(numeroUnique: numeroUnique.uppercased()) }),
            let profil = try await index.profil(row.demande.id)
        else { throw Problem(.notFound, detail: "Aucune demande ne porte le numéro unique \(numeroUnique).") }
        let profils = try await index.profilsAJour()
        let offres = try await offres(bailleur: nil).filter { $0.statut == .publiee }
        return InformationCotation(
            cotation: Cotation.calculer(profil: profil, grille: grille, au: jour),
            positionnement: Positionnement.calculer(profil: profil, parmi: profils, grille: grille, au: jour,
                                                    satisfaites: try await index.satisfaitesAJour()),
            offresEligibles: Rapprochement.offresEligibles(profil: profil, offres: offres, table: table, referentiel: referentiel, au: jour))
    }
}
