import Foundation

/// A realistic synthetic métropole (Grenoble-Alpes Métropole as the model): its network of guichets, demandes,
/// offers, accueils and pièces, drawn after domain.md §11–12 (§12.12 gives the parameters).
///
/// Pure and deterministic: the same (demandes, offres, graine, jour) give the same métropole on every platform
/// (`SplitMix64`, arithmetic-only draws, no dictionary or set iteration). Used by `guichet-server demo seed`, the
/// benchmarks and the dashboard.
///
///     let referentiel = try ReferentielCommunes.chargerMetropole()
///     let m = MetropoleSynthetique.generer(demandes: 5_000, offres: 400, graine: 42, au: Jour(2026, 6, 15)!,
///                                          referentiel: referentiel)
public struct MetropoleSynthetique: Sendable, Hashable {
    /// The 25 points: métropole staff (`GAM01`), Pôle Habitat Social (`PHS01`), CCAS, small communes, two mobile
    /// permanences and three bailleurs (`ACTIS`, `SDH01`, `PLURA`).
    public let guichets: [Guichet]
    /// The demandes, each valid for `ValidationDemande` on the generation day, in generation order.
    public let demandes: [DemandeSynthetique]
    /// The bailleurs' offers.
    public let offres: [Offre]
    /// Visits, calls and appointments of the last three years, in chronological order (about 1.7 per demande).
    public let accueils: [Accueil]
    /// The pièces of every demande, identity first, grouped by demande.
    public let pieces: [PieceSynthetique]

    /// Generates a métropole of `demandes` households and `offres` offers as of `jour`.
    ///
    /// - Parameters:
    ///   - demandes: number of demandes (active stock and those attributed or radiated in the last year).
    ///   - offres: number of offers.
    ///   - graine: the seed; item *i* of each kind depends only on (graine, i), numbering and accueils excepted.
    ///   - jour: the generation day (Europe/Paris), from 2000 on: nothing is dated after it.
    ///   - referentiel: the communes (wishes weighted by population, offers by social stock).
    ///   - plafonds: the ceilings placing incomes around PLAI and PLUS; nil loads the bundled official tables.
    public static func generer(
        demandes: Int, offres: Int, graine: UInt64, au jour: Jour, referentiel: ReferentielCommunes,
        plafonds: TablePlafonds? = nil
    ) -> MetropoleSynthetique {
        var g = GenerateurMetropole(graine: graine, jour: jour, referentiel: referentiel,
                                    plafonds: plafonds ?? (try? TablePlafonds.chargerOfficielles()))
        let esquisses = (0..<max(0, demandes)).map { g.esquisse(index: $0) }
        let generees = g.enregistrer(esquisses)
        var pieces: [PieceSynthetique] = []
        pieces.reserveCapacity(generees.count * 8)
        for i in generees.indices { pieces += g.pieces(generees[i], esquisse: esquisses[i], index: i) }
        let accueils = g.accueils(generees, esquisses: esquisses)
        let lesOffres = (0..<max(0, offres)).map { g.offre(index: $0) }
        return MetropoleSynthetique(
            guichets: ReseauSynthetique.points.map(\.guichet), demandes: generees, offres: lesOffres, accueils: accueils,
            pieces: pieces)
    }
}

/// The generator's state: parameters, precomputed weights and the office-hours cache.
struct GenerateurMetropole {
    let graine: UInt64
    let jour: Jour
    let communes: [Commune]
    let cumulPopulation: [Int]
    let cumulStock: [Int]
    let table: TablePlafonds?
    /// The ceilings' year: the generation year when loaded, else the nearest loaded year.
    let anneePlafonds: Int
    var calendrier = CalendrierBureaux()

    // Sub-streams of `SplitMix64.flux`.
    static let fluxDemandes: UInt64 = 1, fluxPieces: UInt64 = 2, fluxAccueilsLies: UInt64 = 3, fluxOffres: UInt64 = 4,
        fluxNumeros: UInt64 = 5, fluxAccueilsLibres: UInt64 = 6, fluxAgents: UInt64 = 7

    init(graine: UInt64, jour: Jour, referentiel: ReferentielCommunes, plafonds: TablePlafonds?) {
        self.graine = graine
        self.jour = jour
        communes = referentiel.communes
        cumulPopulation = GeographieSynthetique.cumul(communes) { $0.population }
        cumulStock = GeographieSynthetique.cumul(communes, poids: GeographieSynthetique.poidsStock)
        table = plafonds
        let annees = plafonds?.annees ?? []
        anneePlafonds = annees.contains(jour.annee) ? jour.annee
            : annees.min { abs($0 - jour.annee) < abs($1 - jour.annee) } ?? jour.annee
    }

    /// A commune weighted by population (the communes wished, domain.md §11).
    func communeParPopulation(_ t: inout Tirage) -> Commune { communes[t.indice(cumul: cumulPopulation)] }

    /// A commune weighted by social stock (the offers).
    func communeParStock(_ t: inout Tirage) -> Commune { communes[t.indice(cumul: cumulStock)] }

    /// The point of a guichet code.
    static func point(_ code: String) -> ReseauSynthetique.Point? {
        ReseauSynthetique.points.first { $0.guichet.code == code }
    }
}
