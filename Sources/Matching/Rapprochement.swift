import Foundation

/// A demande proposed for an offer: its cotation and the filters it passed, with the values compared.
public struct Candidat: Sendable, Hashable, Codable {
    /// Id of the demande (`ProfilDemande.id`).
    public let demandeId: UUID
    /// Numéro unique of the demande.
    public let numeroUnique: NumeroUnique?
    /// Score of the cotation.
    public let score: Int
    /// Cotation with its details.
    public let cotation: ResultatCotation
    /// Every filter, all passed, in `Filtre.allCases` order.
    public let filtres: [ResultatFiltre]
}

/// The rapprochement offre/demande: which active demandes an offer may go to, in which order, and why not.
///
/// Pure functions over `ProfilDemande` values: the caller builds the profiles once per demande version (from the
/// enregistrée and renouvelée demandes) and keeps them. Matching one offer against 50 000 profiles is a scan of
/// integer comparisons; strings are built only for the candidates returned and for « why not » queries.
public enum Rapprochement {
    /// The `limite` best candidates for `offre`: active demandes that pass every hard filter, by decreasing score,
    /// then earliest dépôt (ancienneté, L441-1 « à priorité égale »), then id; 3 by default (CCH R441-3).
    public static func candidats(
        offre: Offre, profils: [ProfilDemande], grille: GrilleCotation, table: TablePlafonds,
        referentiel: ReferentielCommunes, parametres: ParametresRapprochement = ParametresRapprochement(), au jour: Jour,
        limite: Int = 3
    ) -> [Candidat] {
        guard limite > 0 else { return [] }
        let contexte = ContexteOffre(offre: offre, table: table, referentiel: referentiel, parametres: parametres, au: jour)
        // The best so far, sorted best first; at most `limite` entries (index into `profils`, score).
        var retenus: [(indice: Int, score: Int)] = []
        retenus.reserveCapacity(min(limite, profils.count) + 1)
        profils.withUnsafeBufferPointer { tampon in
            guard let base = tampon.baseAddress else { return }
            for i in tampon.indices {
                // Through a pointer: reading a profile never copies it (a copy would retain its strings and arrays).
                let p = base + i
                guard p.pointee.noyau.actif, Filtres.passeTout(p, contexte) else { continue }
                let score = Cotation.score(p.pointee.noyau, grille, au: jour)
                if retenus.count == limite, let dernier = retenus.last,
                    !precede(score, p.pointee.noyau, dernier.score, base[dernier.indice].noyau)
                {
                    continue
                }
                var position = retenus.count
                while position > 0,
                    precede(score, p.pointee.noyau, retenus[position - 1].score, base[retenus[position - 1].indice].noyau)
                {
                    position -= 1
                }
                retenus.insert((i, score), at: position)
                if retenus.count > limite { retenus.removeLast() }
            }
        }
        return retenus.map { r in
            let p = profils[r.indice]
            return Candidat(
                demandeId: p.id, numeroUnique: p.numeroUnique, score: r.score,
                cotation: Cotation.calculer(profil: p, grille: grille, au: jour), filtres: Filtres.expliquerTout(p, contexte))
        }
    }

    /// Every filter for one demande and one offer, with the values compared.
    public static func filtres(
        offre: Offre, profil: ProfilDemande, table: TablePlafonds, referentiel: ReferentielCommunes,
        parametres: ParametresRapprochement = ParametresRapprochement(), au jour: Jour
    ) -> [ResultatFiltre] {
        let contexte = ContexteOffre(offre: offre, table: table, referentiel: referentiel, parametres: parametres, au: jour)
        return Filtres.expliquerTout(profil, contexte)
    }

    /// Why `profil` is not proposed for `offre`: the filters it fails, with the values compared. Empty when it
    /// passes them all (it may still rank below the `limite` best, or not be active).
    public static func pourquoiPas(
        offre: Offre, profil: ProfilDemande, table: TablePlafonds, referentiel: ReferentielCommunes,
        parametres: ParametresRapprochement = ParametresRapprochement(), au jour: Jour
    ) -> [ResultatFiltre] {
        filtres(offre: offre, profil: profil, table: table, referentiel: referentiel, parametres: parametres, au: jour)
            .filter { !$0.passe }
    }

    /// The offers, among `offres`, whose every hard filter `profil` passes, in the given order.
    public static func offresEligibles(
        profil: ProfilDemande, offres: [Offre], table: TablePlafonds, referentiel: ReferentielCommunes,
        parametres: ParametresRapprochement = ParametresRapprochement(), au jour: Jour
    ) -> [Offre] {
        withUnsafePointer(to: profil) { p in
            offres.filter { offre in
                Filtres.passeTout(
                    p, ContexteOffre(offre: offre, table: table, referentiel: referentiel, parametres: parametres, au: jour))
            }
        }
    }

    /// The ranking order: higher score first, then earlier dépôt (no dépôt last), then smaller id.
    @inline(__always)
    static func precede(_ scoreA: Int, _ a: NoyauProfil, _ scoreB: Int, _ b: NoyauProfil) -> Bool {
        if scoreA != scoreB { return scoreA > scoreB }
        if a.cleDepot != b.cleDepot { return a.cleDepot < b.cleDepot }
        if a.cleIdHaut != b.cleIdHaut { return a.cleIdHaut < b.cleIdHaut }
        return a.cleIdBas < b.cleIdBas
    }
}
