import Foundation
import GuichetDomain

/// Plausible synthetic households and offers of the métropole, after domain.md §12.12 (generator parameters).
struct GenerateurMenages {
    var rng: SplitMix64
    let jour: Jour
    let table: TablePlafonds
    let communes: [Commune]

    init(graine: UInt64, jour: Jour, table: TablePlafonds, referentiel: ReferentielCommunes) {
        rng = SplitMix64(graine: graine)
        self.jour = jour
        self.table = table
        communes = referentiel.communes
    }

    mutating func uniforme(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func reel(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }
    mutating func oui(_ p: Double) -> Bool { reel(0...1) < p }
    mutating func tirage(_ poids: [Double]) -> Int {
        var x = reel(0...poids.reduce(0, +))
        for (i, p) in poids.enumerated() {
            if x < p { return i }
            x -= p
        }
        return poids.count - 1
    }
    mutating func normale(_ m: Double, _ s: Double) -> Double {
        m + s * (-2 * log(reel(1e-12...1))).squareRoot() * cos(2 * .pi * reel(0...1))
    }
    mutating func uuid() -> UUID {
        let a = rng.next(), b = rng.next()
        let o = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        return UUID(uuid: (o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9], o[10], o[11], o[12], o[13], o[14], o[15]))
    }
    /// A commune weighted by population (≈ where offers and wishes are).
    mutating func commune() -> String {
        var x = uniforme(0...communes.reduce(0) { $0 + $1.population } - 1)
        for c in communes {
            if x < c.population { return c.insee }
            x -= c.population
        }
        return communes[0].insee
    }

    mutating func personne(age: Int, revenu: Euros, handicap: Bool = false) -> Personne {
        let naissance = jour.ajoutant(mois: -(12 * age + uniforme(0...11))).ajoutant(jours: -uniforme(0...27))
        return Personne(
            nomNaissance: "TEST", prenoms: "P", dateNaissance: naissance, handicap: handicap,
            revenusMensuels: revenu > .zero ? [RevenuMensuel(type: .salaire, montant: revenu)] : [])
    }

    /// One demande: size, composition, age, income band vs ceilings, typology, ancienneté, situation, priorities.
    mutating func demande() -> Demande {
        let taille = [1, 2, 3, 4, 5, 6][tirage([0.45, 0.21, 0.14, 0.11, 0.05, 0.04])]
        let tailleEffective = taille == 6 ? uniforme(6...8) : taille
        let couple = tailleEffective >= 2 && oui(tailleEffective == 2 ? 0.5 : 0.55)
        let age = [uniforme(18...24), uniforme(25...34), uniforme(35...49), uniforme(50...64), uniforme(65...90)][
            tirage([0.10, 0.25, 0.33, 0.20, 0.12])]
        let handicap = oui(0.08)
        let zeroRessource = oui(0.03)
        let mensuel = zeroRessource ? Euros.zero : Euros(centimes: uniforme(40_000...350_000))
        let demandeur = personne(age: age, revenu: mensuel, handicap: handicap && oui(0.6))
        var coDemandeurs: [CoDemandeur] = []
        if couple {
            let lien: LienCoDemandeur = [.marie, .pacse, .concubin][uniforme(0...2)]
            coDemandeurs = [CoDemandeur(personne: personne(age: max(18, age + uniforme(-5...5)), revenu: oui(0.6) ? Euros(centimes: uniforme(0...250_000)) : .zero), lien: lien)]
        }
        let nEnfants = tailleEffective - 1 - coDemandeurs.count
        let enfants = (0..<max(0, nEnfants)).map { _ in personne(age: uniforme(0...min(20, max(0, age - 16))), revenu: .zero, handicap: handicap && oui(0.2)) }
        let typologie = Typologie.allCases.filter { $0 != .chambre }[tirage([0.14, 0.33, 0.30, 0.12, 0.05, 0.06])]
        var typologies = [typologie]
        if oui(0.5), let voisine = Typologie.allCases.first(where: { $0.pieces == typologie.pieces + 1 }) { typologies.append(voisine) }
        var souhaitees = [commune()]
        for _ in 0..<uniforme(0...3) { souhaitees.append(commune()) }
        let mois = [uniforme(0...11), uniforme(12...23), uniforme(24...35), uniforme(36...59), uniforme(60...120)][
            tirage([0.46, 0.22, 0.12, 0.12, 0.08])]
        // Dépôts on the 1st or 15th only: many equal dates, to exercise the tie-breakers.
        let depot = Jour(jour.ajoutant(mois: -mois).annee, jour.ajoutant(mois: -mois).mois, oui(0.5) ? 1 : 15)!
        let situation: SituationLogement = [
            .locataireHLM, .locatairePrive, [.hebergeParents, .hebergeTiers][uniforme(0...1)],
            [.structureHebergement, .logementFoyer, .hotel, .logementTemporaire][uniforme(0...3)], .sansAbri, .proprietaire, .autre,
        ][tirage([0.37, 0.22, 0.25, 0.08, 0.03, 0.02, 0.03])]
        let loge = [.locataireHLM, .locatairePrive, .proprietaire].contains(situation)
        let pieces = uniforme(1...4)
        let logement = LogementActuel(
            situation: situation, nombreOccupants: tailleEffective + (loge ? 0 : uniforme(1...3)),
            surfaceHabitable: situation == .sansAbri ? nil : uniforme(9...25) * pieces, nombrePieces: situation == .sansAbri ? nil : pieces,
            loyer: loge && situation != .proprietaire ? Euros(uniforme(250...1100)) : nil, charges: loge ? Euros(uniforme(0...150)) : nil,
            aideLogement: loge && oui(0.4) ? Euros(uniforme(50...350)) : nil, nonDecent: oui(0.04), indigne: oui(0.02))
        let motifsPossibles: [Motif] = [
            .procedureExpulsion, .logementRepris, .logementTropCher, .logementTropPetit, .violencesFamiliales, .raisonsSante,
            .mutationProfessionnelle, .rapprochementTravail, .decohabitation, .divorceSeparation, .demolition, .handicap,
        ]
        let motifs = Array(Set((0..<uniforme(0...3)).map { _ in motifsPossibles[uniforme(0...motifsPossibles.count - 1)] }))
        var priorites: [PrioriteDeclaree] = []
        if oui(0.20) {
            for _ in 0..<uniforme(1...2) {
                let p = PrioriteL4411.allCases[uniforme(0...PrioriteL4411.allCases.count - 1)]
                priorites.append(oui(0.6) ? PrioriteDeclaree(priorite: p, valideePar: "GAM03", valideeLe: jour.ajoutant(jours: -10)) : PrioriteDeclaree(priorite: p))
            }
        }
        let besoin: BesoinAccessibilite = oui(0.03) ? (oui(0.5) ? .accessible : .adapte) : .aucun
        let statut: StatutDemande = [.enregistree, .renouvelee, .deposee, .radiee][tirage([0.6, 0.3, 0.05, 0.05])]
        var d = Demande(
            id: uuid(), statut: statut, demandeur: demandeur,
            coordonnees: Coordonnees(adresse: "1 rue", codePostal: "38000", commune: "Grenoble"),
            situationFamiliale: couple ? .marie : .celibataire, coDemandeurs: coDemandeurs, personnesACharge: enfants,
            ressources: Ressources(revenusFiscaux: RevenusFiscaux()), logementActuel: logement, motifs: motifs.sorted(),
            logementRecherche: LogementRecherche(
                typologies: typologies, nombrePersonnes: tailleEffective + (oui(0.05) ? 1 : 0), communes: souhaitees,
                elargissementAccepte: oui(0.5), loyerMaximum: oui(0.6) ? Euros(uniforme(300...1200)) : nil, accessibilite: besoin,
                ascenseurRequis: besoin != .aucun || oui(0.05), etageMaximum: oui(0.1) ? uniforme(0...4) : nil),
            priorites: priorites, dalo: oui(0.03), dates: DatesDemande(depot: depot, enregistrement: depot.ajoutant(jours: 10)))
        d.ressources.revenusFiscaux = revenus(categorie: d.categorieMenage(au: jour))
        return d
    }

    /// RFR against the household's PLAI and PLUS 2026 ceilings: < PLAI .72, PLAI–PLUS .22, > PLUS .06, missing .15,
    /// plus exact-bound cases and N-1 requests at exactly 90 %.
    mutating func revenus(categorie: CategorieMenage) -> RevenusFiscaux {
        let plai = try! table.plafond(annee: jour.annee, financement: .plai, zone: .autresRegions, categorie: categorie)
        let plus = try! table.plafond(annee: jour.annee, financement: .plus, zone: .autresRegions, categorie: categorie)
        let pls = try! table.plafond(annee: jour.annee, financement: .pls, zone: .autresRegions, categorie: categorie)
        if oui(0.15) { return oui(0.8) ? RevenusFiscaux() : RevenusFiscaux(anneeN2: 2023, rfrN2: uniforme(0...plus)) }
        let rfr: Int
        switch tirage([0.62, 0.20, 0.05, 0.04, 0.03, 0.03, 0.03]) {
        case 0: rfr = uniforme(0...plai)
        case 1: rfr = uniforme(plai + 1...plus)
        case 2: rfr = uniforme(plus + 1...plus * 3 / 2)
        case 3: rfr = [plai, plus, pls][uniforme(0...2)]
        case 4: rfr = [plai, plus, pls][uniforme(0...2)] + 1
        case 5: return RevenusFiscaux(anneeN2: 2024, rfrN2: plus + 1_000, anneeN1: 2025, revenuN1: (plus + 1_000) * 9 / 10, n1Demande: true)
        default: return RevenusFiscaux(anneeN2: 2024, rfrN2: 40_000, anneeN1: 2025, revenuN1: 36_001, n1Demande: true)
        }
        return RevenusFiscaux(anneeN2: 2024, rfrN2: rfr)
    }

    /// One offer: typology T1 9 %, T2 24 %, T3 36 %, T4 24 %, T5+ 7 %; PLUS .80, PLAI .12, PLS .08; rent per m².
    mutating func offre() -> Offre {
        let typologie = [Typologie.t1, .t2, .t3, .t4, .t5, .t6, .chambre][tirage([0.09, 0.24, 0.36, 0.24, 0.05, 0.02, 0.01])]
        let financement = [Financement.plus, .plai, .pls][tirage([0.80, 0.12, 0.08])]
        let surface = max(9, Int(normale(Double([12, 30, 47, 65, 80, 95, 110][typologie.pieces]), 6)))
        let parM2 = normale([5.2, 6.0, 9.0][tirage([0.12, 0.80, 0.08])], 0.5)
        let etage = uniforme(0...8)
        return Offre(
            id: uuid(), referenceBailleur: "REF", bailleur: "B0001", communeInsee: oui(0.03) ? "69123" : commune(),
            adresse: "rue", typologie: typologie, surface: surface, loyer: Euros(centimes: Int(parM2 * Double(surface) * 100)),
            charges: Euros(centimes: surface * uniforme(100...250)), financement: financement, etage: etage,
            ascenseur: etage > 2 ? oui(0.9) : oui(0.3), accessibilite: [.aucun, .accessible, .adapte][tirage([0.8, 0.15, 0.05])],
            disponibleLe: jour, reservataire: .bailleur)
    }
}
