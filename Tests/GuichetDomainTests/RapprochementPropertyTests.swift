import Foundation
import GuichetDomain
import Testing

/// The seed of the random households and offers: `GUICHET_GRAINE` in the environment replays a run.
private let graine: UInt64 = ProcessInfo.processInfo.environment["GUICHET_GRAINE"].flatMap { UInt64($0) } ?? 20_261_127

/// A synthetic population of the métropole (domain.md §12.12) and offers, generated once per run.
private struct Population: Sendable {
    let demandes: [Demande]
    let profils: [ProfilDemande]
    let offres: [Offre]
    /// Oracle's ceiling verdict per demande and financement in zone « autres régions » (every generated commune),
    /// computed once with `Demande.eligibilite`, independently of the profiles.
    let eligible: [[Financement: Bool]]

    static let partagee: Population = {
        print("RapprochementPropertyTests : graine \(graine) (rejouer avec GUICHET_GRAINE=\(graine))")
        var g = GenerateurMenages(graine: graine, jour: Rappro.jour, table: Rappro.table, referentiel: Rappro.referentiel)
        let demandes = (0..<900).map { _ in g.demande() }
        let offres = (0..<240).map { _ in g.offre() }
        let eligible = demandes.map { d in
            Dictionary(uniqueKeysWithValues: Financement.allCases.map { f in
                (f, d.eligibilite(financement: f, zone: .autresRegions, au: Rappro.jour, table: Rappro.table).estEligible)
            })
        }
        return Population(
            demandes: demandes, profils: demandes.map { ProfilDemande(demande: $0, table: Rappro.table, au: Rappro.jour) },
            offres: offres, eligible: eligible)
    }()
}

/// A brute-force oracle written from the `Demande` itself (not from the profile), rule by rule as documented.
private enum Oracle {
    static func echecs(_ d: Demande, _ o: Offre, eligible: [Financement: Bool]) -> Set<Filtre> {
        var echecs = Set<Filtre>()
        let zone = ZonePlafond.pour(communeInsee: o.communeInsee)
        let ok = zone == .autresRegions
            ? eligible[o.financement]!
            : d.eligibilite(financement: o.financement, zone: zone, au: Rappro.jour, table: Rappro.table).estEligible
        if !ok { echecs.insert(.plafond) }
        let r = d.logementRecherche
        let metropole = Rappro.referentiel.commune(insee: o.communeInsee) != nil
        if !(r.communes.contains(o.communeInsee) || (r.elargissementAccepte && metropole)) { echecs.insert(.commune) }
        if !r.typologies.contains(o.typologie) { echecs.insert(.typologie) }
        if let bornes = ReglesOccupation.exemple.bornes(pour: o.typologie), !bornes.contains(r.nombrePersonnes) {
            echecs.insert(.occupation)
        }
        let rang: [BesoinAccessibilite: Int] = [.aucun: 0, .accessible: 1, .adapte: 2]
        if rang[r.accessibilite]! > rang[o.accessibilite]! || (r.ascenseurRequis && o.etage > 0 && !o.ascenseur)
            || (r.etageMaximum.map { o.etage > $0 } ?? false)
        {
            echecs.insert(.accessibilite)
        }
        // AucuneAPL: cost = loyer + charges. All in centimes.
        let cout = (o.loyer + o.charges).centimes
        let ressources = ([d.demandeur] + d.coDemandeurs.map(\.personne) + d.personnesACharge)
            .flatMap(\.revenusMensuels).reduce(0) { $0 + $1.montant.centimes }
        let personnes = r.nombrePersonnes
        let loyerOk = r.loyerMaximum.map { cout <= $0.centimes } ?? true
        let tauxOk = ressources > 0 && Double(cout) / Double(ressources) <= 0.33 + 1e-12
        let resteOk = ressources - cout >= 1200 * personnes * 30
        if !(loyerOk && tauxOk && resteOk) { echecs.insert(.loyer) }
        return echecs
    }

    /// Every active demande that passes, scored by the detailed cotation, sorted by (score ↓, dépôt ↑, id ↑).
    static func classement(_ pop: Population, _ o: Offre) -> [(id: UUID, score: Int)] {
        var retenus: [(id: UUID, score: Int, depot: Jour?)] = []
        for i in pop.demandes.indices where pop.demandes[i].estActive && echecs(pop.demandes[i], o, eligible: pop.eligible[i]).isEmpty {
            let (d, p) = (pop.demandes[i], pop.profils[i])
            retenus.append((d.id, Cotation.calculer(profil: p, grille: Rappro.grille, au: Rappro.jour).score, d.dates.depot))
        }
        retenus.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.depot != b.depot { return (a.depot ?? Jour(2999, 12, 31)!) < (b.depot ?? Jour(2999, 12, 31)!) }
            return a.id.uuidString < b.id.uuidString  // hex digits in byte order: same order as the bytes
        }
        return retenus.map { ($0.id, $0.score) }
    }
}

// Property tests of the rapprochement on a seeded synthetic population (docs/DOMAIN.md « Rapprochement et
// cotation »): every candidate passes every filter, the ranking equals a brute-force oracle, points add up, and
// « why not » names the failing filters of every excluded active demande.
@Suite("Rapprochement : propriétés sur une population aléatoire")
struct RapprochementPropertyTests {
    private let pop = Population.partagee

    private func candidats(_ o: Offre, limite: Int = 3) -> [Candidat] {
        Rapprochement.candidats(
            offre: o, profils: pop.profils, grille: Rappro.grille, table: Rappro.table, referentiel: Rappro.referentiel,
            au: Rappro.jour, limite: limite)
    }

    @Test("la population est plausible : assez de candidats et d'exclus pour que les propriétés disent quelque chose")
    func populationPlausible() {
        #expect(pop.offres.count >= 200)
        let avecCandidats = pop.offres.filter { !candidats($0).isEmpty }.count
        #expect(avecCandidats >= pop.offres.count / 2, "offres avec candidats : \(avecCandidats)")
        let ties = pop.offres.contains { o in
            let c = candidats(o, limite: 50)
            return zip(c, c.dropFirst()).contains { $0.score == $1.score }
        }
        #expect(ties, "au moins une égalité de score à départager")
        // Every filter excludes someone, and someone passes it, for the oracle to be tested on both sides.
        var exclusions: [Filtre: Int] = [:]
        var passants = 0
        for o in pop.offres.prefix(60) {
            for i in pop.demandes.indices where pop.demandes[i].estActive {
                let e = Oracle.echecs(pop.demandes[i], o, eligible: pop.eligible[i])
                for f in e { exclusions[f, default: 0] += 1 }
                if e.isEmpty { passants += 1 }
            }
        }
        print("RapprochementPropertyTests : exclusions par filtre \(exclusions.sorted { $0.key.rawValue < $1.key.rawValue }), passants \(passants)")
        #expect(Set(exclusions.keys) == Set(Filtre.allCases))
        #expect(passants >= 500)
    }

    @Test("le classement égale l'oracle par force brute (limite 3 et 10), pour chaque offre")
    func classementEgalOracle() {
        for o in pop.offres {
            let oracle = Oracle.classement(pop, o)
            for limite in [3, 10] {
                let c = candidats(o, limite: limite)
                let attendu = oracle.prefix(limite)
                #expect(c.map(\.demandeId) == attendu.map(\.id), "offre \(o.id) limite \(limite)")
                #expect(c.map(\.score) == attendu.map(\.score), "offre \(o.id) limite \(limite)")
            }
        }
    }

    @Test("chaque candidat passe chaque filtre ; ses points s'additionnent ; il est actif")
    func candidatsValides() {
        let actifs = Set(pop.demandes.filter(\.estActive).map(\.id))
        for o in pop.offres {
            for c in candidats(o, limite: 10) {
                #expect(c.filtres.map(\.filtre) == Filtre.allCases)
                #expect(c.filtres.allSatisfy { $0.passe }, "\(c.filtres.filter { !$0.passe })")
                #expect(c.cotation.score == c.score)
                #expect(c.cotation.details.reduce(0) { $0 + $1.points } == c.score)
                #expect(c.cotation.version == Rappro.grille.version)
                #expect(actifs.contains(c.demandeId))
            }
        }
    }

    @Test("pourquoi pas : les filtres nommés sont exactement ceux que l'oracle voit échouer")
    func pourquoiPasNommeLesFiltres() {
        for o in pop.offres.prefix(120) {
            for i in pop.demandes.indices where pop.demandes[i].estActive {
                let (d, p) = (pop.demandes[i], pop.profils[i])
                let echecs = Rapprochement.pourquoiPas(
                    offre: o, profil: p, table: Rappro.table, referentiel: Rappro.referentiel, au: Rappro.jour)
                #expect(Set(echecs.map(\.filtre)) == Oracle.echecs(d, o, eligible: pop.eligible[i]), "demande \(d.id) offre \(o.id)")
                #expect(echecs.allSatisfy { !$0.passe && !$0.valeurs.isEmpty })
            }
        }
    }

    @Test("offres éligibles d'une demande : celles dont l'oracle ne voit aucun échec, dans l'ordre donné")
    func offresEligibles() {
        for i in pop.demandes.indices.prefix(150) {
            let (d, p) = (pop.demandes[i], pop.profils[i])
            let eligibles = Rapprochement.offresEligibles(
                profil: p, offres: pop.offres, table: Rappro.table, referentiel: Rappro.referentiel, au: Rappro.jour)
            #expect(eligibles.map(\.id) == pop.offres.filter { Oracle.echecs(d, $0, eligible: pop.eligible[i]).isEmpty }.map(\.id))
        }
    }

    @Test("calcul rapide du score = somme des détails, pour chaque demande")
    func scoreRapideEgalDetails() {
        for p in pop.profils {
            let r = Cotation.calculer(profil: p, grille: Rappro.grille, au: Rappro.jour)
            #expect(r.details.reduce(0) { $0 + $1.points } == r.score)
            #expect(Cotation.score(profil: p, grille: Rappro.grille, au: Rappro.jour) == r.score)
        }
    }

    @Test("positionnement : rang parmi les demandes semblables et délai moyen des demandes satisfaites")
    func positionnement() throws {
        let satisfaites = [
            DemandeSatisfaite(typologie: .t3, communeInsee: "38185", moisAttente: 20),
            DemandeSatisfaite(typologie: .t3, communeInsee: "38185", moisAttente: 31),
            DemandeSatisfaite(typologie: .t2, communeInsee: "38185", moisAttente: 8),
        ]
        for p in pop.profils.prefix(200) where p.actif {
            let pos = try #require(Positionnement.calculer(
                profil: p, parmi: pop.profils, grille: Rappro.grille, au: Rappro.jour, satisfaites: satisfaites))
            let semblables = pop.profils.filter {
                $0.actif && $0.premiereTypologie == p.premiereTypologie && $0.premiereCommune == p.premiereCommune
            }
            #expect(pos.nombre == semblables.count)
            let score = Cotation.calculer(profil: p, grille: Rappro.grille, au: Rappro.jour).score
            let mieux = semblables.filter { autre in
                let s = Cotation.calculer(profil: autre, grille: Rappro.grille, au: Rappro.jour).score
                if s != score { return s > score }
                if autre.depot != p.depot { return (autre.depot ?? Jour(2999, 1, 1)!) < (p.depot ?? Jour(2999, 1, 1)!) }
                return autre.id.uuidString < p.id.uuidString
            }
            #expect(pos.rang == mieux.count + 1)
            if p.premiereTypologie == .t3, p.premiereCommune == CodeCommune("38185") {
                #expect(pos.delaiAttenteMoyenMois == 25.5)
                #expect(pos.nombreSatisfaites == 2)
            }
        }
    }
}
