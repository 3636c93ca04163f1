import Foundation

/// A demande attributed in the past, as the caller knows it, for the average waiting time of similar demandes.
public struct DemandeSatisfaite: Sendable, Hashable, Codable {
    /// Typology of the dwelling attributed.
    public let typologie: Typologie
    /// INSEE code of its commune.
    public let communeInsee: String
    /// Months between the dépôt and the attribution.
    public let moisAttente: Int

    /// Creates a record.
    public init(typologie: Typologie, communeInsee: String, moisAttente: Int) {
        self.typologie = typologie
        self.communeInsee = communeInsee
        self.moisAttente = moisAttente
    }
}

/// Where a demande stands among similar demandes, as the demandeur must be told (CCH L441-2-8, décret
/// n° 2019-1378: score, positionnement relatif, délai d'attente moyen for similar typology and location).
///
/// « Similar » = active demandes whose first typology sought and first commune wished are the demande's own.
public struct Positionnement: Sendable, Hashable, Codable {
    /// First typology sought.
    public let typologie: Typologie
    /// First commune wished.
    public let commune: CodeCommune
    /// Score of the demande.
    public let score: Int
    /// 1 for the best placed; same order as `Rapprochement.candidats` (score, dépôt, id).
    public let rang: Int
    /// Similar demandes, the demande included.
    public let nombre: Int
    /// Average months waited by similar satisfied demandes; nil when there is none.
    public let delaiAttenteMoyenMois: Double?
    /// Number of similar satisfied demandes averaged.
    public let nombreSatisfaites: Int

    /// The positionnement of `profil` among `profils` (which may or may not contain it), or nil when the demande
    /// has no typology or no commune to compare on.
    public static func calculer(
        profil: ProfilDemande, parmi profils: [ProfilDemande], grille: GrilleCotation, au jour: Jour,
        satisfaites: [DemandeSatisfaite]
    ) -> Positionnement? {
        guard let typologie = profil.premiereTypologie, let commune = profil.premiereCommune else { return nil }
        let score = Cotation.score(profil: profil, grille: grille, au: jour)
        var rang = 1
        var nombre = 1
        for autre in profils where autre.id != profil.id && autre.actif {
            guard autre.premiereTypologie == typologie, autre.premiereCommune == commune else { continue }
            nombre += 1
            let scoreAutre = Cotation.score(autre.noyau, grille, au: jour)
            if Rapprochement.precede(scoreAutre, autre.noyau, score, profil.noyau) { rang += 1 }
        }
        let similaires = satisfaites.filter { $0.typologie == typologie && CodeCommune($0.communeInsee) == commune }
        let moyenne = similaires.isEmpty
            ? nil : Double(similaires.reduce(0) { $0 + $1.moisAttente }) / Double(similaires.count)
        return Positionnement(
            typologie: typologie, commune: commune, score: score, rang: rang, nombre: nombre,
            delaiAttenteMoyenMois: moyenne, nombreSatisfaites: similaires.count)
    }
}
